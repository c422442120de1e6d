import { ApiError, type AgendaItem, type AgendaView, type Me, type MeetingDocument, type User } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import { alertBox, append, h, hideAlert, panel, shell, showAlert } from '../../base/ui/index.ts';
import { documentsPath } from '../documents/index.ts';
import type { AgendaApi } from './agenda-api.ts';
import { documentList, type DocumentListOptions } from './document-list.ts';
import { itemForm, type ItemValues } from './item-form.ts';
import { itemList, type ItemListActions } from './item-list.ts';
import { uploadControl } from './upload-control.ts';

export interface AgendaPageDeps {
  readonly services: AppServices;
  readonly agenda: AgendaApi;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
  /** Where the back link goes (the meetings list). */
  readonly backPath: string;
}

/**
 * `/meetings/:id/agenda`: everyone invited reads the agenda and opens its documents; the
 * organiser's clerk or leader builds it (items, order, PDFs with upload progress); the chair
 * marks the item under discussion. Each change answers with the new agenda, drawn again here.
 */
export async function agendaPage(deps: AgendaPageDeps, ctx: RouteContext): Promise<View> {
  const { services, agenda: api } = deps;
  const { i18n } = services;
  const meetingId = ctx.params.id ?? '';
  const [meeting, first] = await Promise.all([api.meeting(meetingId, ctx.signal), api.agenda(meetingId, ctx.signal)]);
  // Presenters are picked from the organising unit; only its managers edit, and may list it.
  const users: User[] = first.canEditItems ? await api.unitUsers(meeting.organiserUnit.id, ctx.signal).catch(() => []) : [];

  let view: AgendaView = first;
  let editingId: string | null = null;
  const alert = alertBox('agenda-error');
  const announcer = h('p', { class: 'visually-hidden', attrs: { role: 'status', 'aria-live': 'polite' } });
  const content = h('div', { class: 'agenda' });
  const upload = (file: File, agendaItemId: string | null) => (onProgress: (sent: number, total: number) => void) =>
    api.upload(meetingId, file, agendaItemId, { language: i18n.language, onProgress });

  const failed = (failure: unknown): void => {
    const message =
      failure instanceof ApiError ? (failure.isNetworkError ? i18n.t('error.network') : (failure.problem?.title ?? i18n.t('error.unexpected'))) : i18n.t('error.unexpected');
    showAlert(alert, message);
    alert.focus();
  };
  /** Runs a change; its answer (or a fresh read) becomes the page. */
  const change = async (run: () => Promise<AgendaView | unknown>): Promise<void> => {
    hideAlert(alert);
    const result = await run();
    view = isView(result) ? result : await api.agenda(meetingId);
    editingId = null;
    render();
    announcer.textContent = i18n.t('agenda.saved');
  };
  const attempt = (run: () => Promise<unknown>): void => void change(run).catch(failed);

  const documentActions: DocumentListOptions['manage'] = {
    replace: (doc: MeetingDocument) => (file, onProgress) => api.replace(meetingId, doc.id, file, { language: i18n.language, onProgress }),
    remove: (doc: MeetingDocument) => {
      if (window.confirm(i18n.t('agenda.doc.removeConfirm', { title: doc.title }))) attempt(() => api.removeDocument(meetingId, doc.id));
    },
    onReplaced: () => change(() => api.agenda(meetingId)).catch(failed),
  };
  const actions: ItemListActions = {
    edit: (item) => {
      editingId = item?.id ?? null;
      render();
    },
    save: (item: AgendaItem, values: ItemValues) => change(() => api.updateItem(meetingId, item.id, values)),
    move: (item, by) => {
      const ids = view.items.map((i) => i.id);
      const at = ids.indexOf(item.id);
      const to = at + by;
      if (at < 0 || to < 0 || to >= ids.length) return;
      [ids[at], ids[to]] = [ids[to] as string, ids[at] as string];
      attempt(() => api.reorder(meetingId, ids));
    },
    remove: (item) => {
      if (window.confirm(i18n.t('agenda.item.removeConfirm', { title: item.title }))) attempt(() => api.removeItem(meetingId, item.id));
    },
    setCurrent: (item) => attempt(() => api.setCurrent(meetingId, item.id)),
    attach: (item) => (file, onProgress) => upload(file, item.id)(onProgress),
    uploaded: () => change(() => api.agenda(meetingId)).catch(failed),
    documents: documentActions,
  };

  const readerHref = (doc: MeetingDocument): string => documentsPath(meetingId, doc.id);

  function render(): void {
    const manager = view.canEditItems || view.canEditDocuments;
    content.replaceChildren();
    append(content, [
      manager && !view.canEditItems ? h('p', { class: 'notice notice--info', testid: 'agenda-locked' }, i18n.t('agenda.locked')) : null,
      panel(
        { id: 'agenda-general', testid: 'agenda-general', title: i18n.t('agenda.generalTitle'), icon: 'document' },
        h(
          'div',
          { class: 'agenda-panel__body' },
          documentList(view.documents, { i18n, emptyText: i18n.t('agenda.generalEmpty'), manage: view.canEditDocuments ? documentActions : undefined, readerHref }),
          view.canEditDocuments
            ? uploadControl({
                i18n,
                label: i18n.t('agenda.upload.attachGeneral'),
                testid: 'agenda-general-upload',
                send: (file, onProgress) => upload(file, null)(onProgress),
                onDone: () => change(() => api.agenda(meetingId)).catch(failed),
              })
            : null,
        ),
      ),
      panel(
        { id: 'agenda-items-panel', testid: 'agenda-items-panel', title: i18n.t('agenda.itemsTitle'), icon: 'calendar' },
        itemList(view, { i18n, users, editingId, actions, readerHref }),
        view.canEditItems
          ? itemForm({
              i18n,
              users,
              heading: i18n.t('agenda.form.addTitle'),
              submitLabel: i18n.t('agenda.form.add'),
              testid: 'agenda-add-form',
              submit: (values) => change(() => api.addItem(meetingId, withoutEmpty(values))),
            })
          : null,
      ),
    ]);
  }
  render();
  alert.tabIndex = -1;

  const header = h(
    'div',
    { class: 'page-header' },
    h('a', { class: 'agenda__back', attrs: { href: deps.backPath } }, `← ${i18n.t('agenda.back')}`),
    h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } }, i18n.t('agenda.title')),
    h('p', { class: 'agenda__meeting', testid: 'agenda-meeting' }, meeting.title),
    h('p', { class: 'page-header__subtitle' }, i18n.t('agenda.startsAt', { time: i18n.formatDateTime(meeting.startsAt) })),
  );
  return {
    element: shell({ i18n, actions: deps.userActions(deps.me) }, header, alert, announcer, content),
    title: `${i18n.t('agenda.title')} · ${meeting.title}`,
  };
}

/** A new item sends only what was filled in. */
function withoutEmpty(values: ItemValues): { title: string; presenterId?: string; minutes?: number } {
  return {
    title: values.title,
    ...(values.presenterId ? { presenterId: values.presenterId } : {}),
    ...(values.minutes !== null ? { minutes: values.minutes } : {}),
  };
}

function isView(value: unknown): value is AgendaView {
  return typeof value === 'object' && value !== null && 'items' in value && 'canEditItems' in value;
}
