import type { AgendaItem, AgendaView, User } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { emptyState, h } from '../../base/ui/index.ts';
import { documentList, type DocumentListOptions } from './document-list.ts';
import { itemForm, type ItemValues } from './item-form.ts';
import { uploadControl, type UploadControlOptions } from './upload-control.ts';

export interface ItemListActions {
  edit(item: AgendaItem | null): void;
  save(item: AgendaItem, values: ItemValues): Promise<void>;
  move(item: AgendaItem, by: -1 | 1): void;
  remove(item: AgendaItem): void;
  setCurrent(item: AgendaItem): void;
  attach(item: AgendaItem): UploadControlOptions['send'];
  uploaded: UploadControlOptions['onDone'];
  documents: DocumentListOptions['manage'];
}

/** The items in order, each with its documents and, for those allowed, the controls that change it. */
export function itemList(
  view: AgendaView,
  o: { i18n: I18n; users: readonly User[]; editingId: string | null; actions: ItemListActions; readerHref?: DocumentListOptions['readerHref'] },
): HTMLElement {
  const { i18n, actions } = o;
  if (view.items.length === 0) return emptyState(i18n.t('agenda.itemsEmpty'), 'document');
  const last = view.items.length - 1;
  return h(
    'ol',
    { class: 'agenda-items', testid: 'agenda-items' },
    ...view.items.map((item, index) => {
      const current = view.currentItemId === item.id;
      const header =
        o.editingId === item.id
          ? itemForm({
              i18n,
              users: o.users,
              initial: item,
              heading: i18n.t('agenda.form.editTitle', { n: item.position }),
              submitLabel: i18n.t('agenda.form.save'),
              testid: 'agenda-edit-form',
              submit: (values) => actions.save(item, values),
              cancel: () => actions.edit(null),
            })
          : h(
              'div',
              { class: 'agenda-item__head' },
              h('span', { class: 'agenda-item__number', attrs: { 'aria-hidden': 'true' } }, String(item.position)),
              h(
                'div',
                { class: 'agenda-item__text' },
                h('h3', { class: 'agenda-item__title' }, h('span', { class: 'visually-hidden' }, `${i18n.t('agenda.item.number', { n: item.position })}: `), item.title),
                h(
                  'p',
                  { class: 'agenda-item__meta' },
                  current ? h('span', { class: 'status-badge status-badge--live' }, i18n.t('agenda.item.current')) : null,
                  item.presenter ? h('span', null, i18n.t('agenda.item.presenter', { name: item.presenter.fullName })) : null,
                  item.minutes ? h('span', null, i18n.t('agenda.item.minutes', { minutes: item.minutes })) : null,
                ),
              ),
            );
      const itemActions = [
        view.canEditItems && o.editingId !== item.id
          ? [
              button(i18n.t('agenda.item.up'), () => actions.move(item, -1), index === 0, 'agenda-item-up'),
              button(i18n.t('agenda.item.down'), () => actions.move(item, 1), index === last, 'agenda-item-down'),
              button(i18n.t('agenda.item.edit'), () => actions.edit(item), false, 'agenda-item-edit'),
              button(i18n.t('agenda.item.remove'), () => actions.remove(item), false, 'agenda-item-remove'),
            ]
          : [],
        view.canSetCurrent && !current ? [button(i18n.t('agenda.item.setCurrent'), () => actions.setCurrent(item), false, 'agenda-item-current')] : [],
      ].flat();
      return h(
        'li',
        { class: `agenda-item${current ? ' agenda-item--current' : ''}`, testid: 'agenda-item', attrs: { 'data-item-id': item.id } },
        header,
        documentList(item.documents, {
          i18n,
          emptyText: i18n.t('agenda.itemDocumentsEmpty'),
          manage: view.canEditDocuments ? actions.documents : undefined,
          readerHref: o.readerHref,
        }),
        view.canEditDocuments
          ? uploadControl({ i18n, label: i18n.t('agenda.upload.attach'), testid: 'agenda-item-upload', send: actions.attach(item), onDone: actions.uploaded })
          : null,
        itemActions.length > 0 ? h('div', { class: 'agenda-item__actions' }, ...itemActions) : null,
      );
    }),
  );
}

function button(label: string, onClick: () => void, disabled: boolean, testid: string): HTMLButtonElement {
  return h('button', { class: 'button button--ghost', testid, attrs: { type: 'button', disabled }, on: { click: onClick } }, label);
}
