import { ApiError, type AgendaView, type MeetingDetail, type Me, type Minutes, type SaveConclusions } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import { alertBox, h, hideAlert, panel, shell, showAlert } from '../../base/ui/index.ts';
import { CONCLUSIONS_MAX, minutesFileUrl } from '../../../../src/contract/minutes-limits.ts';

export interface MinutesPageDeps {
  readonly services: AppServices;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
}

const meetingApi = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

/**
 * `/meetings/:id/minutes`: the minutes' status, the conclusions (editable by those preparing the
 * minutes while a draft, with a clear saved / unsaved / error state), the draft PDF, and once
 * the meeting is closed the stored document. The server decides who may read and write.
 */
export async function minutesPage(deps: MinutesPageDeps, ctx: RouteContext): Promise<View> {
  const { services, me } = deps;
  const { i18n, api } = services;
  const id = ctx.params.id ?? '';
  const [meeting, first, agenda] = await Promise.all([
    api.get<MeetingDetail>(meetingApi(id), { signal: ctx.signal }),
    api.get<Minutes>(`${meetingApi(id)}/minutes`, { signal: ctx.signal }),
    api.get<AgendaView>(`${meetingApi(id)}/agenda`, { signal: ctx.signal }),
  ]);
  let minutes = first;
  const canWrite = minutes.status === 'draft' && meeting.myRole !== 'participant';

  const state = h('p', { class: 'minutes__state', testid: 'minutes-save-state', attrs: { role: 'status', 'aria-live': 'polite' } });
  const alert = alertBox('minutes-error');
  const textarea = h('textarea', {
    class: 'field__input field__textarea minutes__conclusions',
    testid: 'minutes-conclusions',
    attrs: { id: 'minutes-conclusions', rows: 10, maxlength: CONCLUSIONS_MAX, ...(canWrite ? {} : { readonly: true }) },
  });
  textarea.value = minutes.conclusions;
  // One optional conclusion per agenda item, printed under the item in the minutes.
  const itemAreas = agenda.items.map((item) => {
    const area = h('textarea', {
      class: 'field__input field__textarea minutes__item-conclusion',
      testid: 'minutes-item-conclusion',
      attrs: { id: `minutes-item-${item.id}`, rows: 3, maxlength: CONCLUSIONS_MAX, 'data-item-id': item.id, ...(canWrite ? {} : { readonly: true }) },
    });
    area.value = minutes.itemConclusions[item.id] ?? '';
    const label = h('label', { class: 'field__label', attrs: { for: `minutes-item-${item.id}` } }, i18n.t('minutes.itemConclusion', { position: item.position, title: item.title }));
    return { id: item.id, area, field: h('div', { class: 'field' }, label, area) };
  });
  const itemTexts = (): Record<string, string> => Object.fromEntries(itemAreas.map((i) => [i.id, i.area.value]));
  const isDirty = (): boolean =>
    textarea.value !== minutes.conclusions || itemAreas.some((i) => i.area.value !== (minutes.itemConclusions[i.id] ?? ''));
  const save = h('button', { class: 'button button--primary', testid: 'minutes-save', attrs: { type: 'submit' } }, i18n.t('minutes.save'));

  const showSaved = () => {
    state.dataset.state = 'saved';
    state.textContent = minutes.updatedAt ? i18n.t('minutes.saved', { time: i18n.formatDateTime(minutes.updatedAt) }) : '';
  };
  showSaved();
  const onInput = () => {
    const dirty = isDirty();
    state.dataset.state = dirty ? 'unsaved' : 'saved';
    if (dirty) state.textContent = i18n.t('minutes.unsaved');
    else showSaved();
  };
  for (const area of [textarea, ...itemAreas.map((i) => i.area)]) area.addEventListener('input', onInput);

  const form = h(
    'form',
    {
      class: 'minutes__form',
      testid: 'minutes-form',
      on: {
        submit: async (event) => {
          event.preventDefault();
          hideAlert(alert);
          save.disabled = true;
          state.dataset.state = 'saving';
          state.textContent = i18n.t('minutes.saving');
          try {
            minutes = await api.put<Minutes>(`${meetingApi(id)}/minutes`, { conclusions: textarea.value, itemConclusions: itemTexts() } satisfies SaveConclusions);
            showSaved();
          } catch (error) {
            state.dataset.state = 'error';
            state.textContent = i18n.t('minutes.unsaved');
            const message = error instanceof ApiError ? (error.isNetworkError ? i18n.t('error.network') : (error.problem?.title ?? i18n.t('error.unexpected'))) : i18n.t('error.unexpected');
            showAlert(alert, message);
          } finally {
            save.disabled = false;
          }
        },
      },
    },
    h('div', { class: 'field' }, h('label', { class: 'field__label', attrs: { for: 'minutes-conclusions' } }, i18n.t('minutes.conclusions')), h('p', { class: 'field__hint' }, i18n.t('minutes.conclusionsHint')), textarea),
    ...itemAreas.map((i) => i.field),
    alert,
    canWrite ? h('div', { class: 'form-actions' }, save, state) : null,
  );

  const links = h('div', { class: 'form-actions minutes__links' });
  if (minutes.status !== 'none') {
    const label = minutes.status === 'draft' ? i18n.t('minutes.viewDraft') : i18n.t('minutes.viewFinal');
    links.append(h('a', { class: 'button button--secondary', testid: 'minutes-file', attrs: { href: minutesFileUrl(id), target: '_blank', rel: 'noopener' } }, label));
  }
  if (minutes.documentId && minutes.version) {
    const href = `/api/documents/${encodeURIComponent(minutes.documentId)}/versions/${minutes.version}/file`;
    links.append(h('a', { class: 'button button--secondary', testid: 'minutes-document', attrs: { href, target: '_blank', rel: 'noopener' } }, i18n.t('minutes.storedDocument', { version: minutes.version })));
  }

  const root = h(
    'div',
    { class: 'minutes', testid: 'minutes-page', attrs: { 'data-status': minutes.status } },
    h('p', { class: 'breadcrumb' }, h('a', { attrs: { href: `/meetings/${encodeURIComponent(id)}` } }, i18n.t('minutes.back'))),
    h('div', { class: 'page-header' }, h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } }, i18n.t('minutes.title', { title: meeting.title }))),
    h('p', { class: 'minutes__status', testid: 'minutes-status' }, i18n.t(`minutes.status.${minutes.status}`)),
    links,
    minutes.status === 'none' ? null : panel({ id: 'minutes-conclusions-panel', title: i18n.t('minutes.conclusions') }, h('div', { class: 'minutes__panel-body' }, form)),
  );

  return {
    element: shell({ i18n, actions: deps.userActions(me) }, root),
    title: i18n.t('minutes.title', { title: meeting.title }),
  };
}
