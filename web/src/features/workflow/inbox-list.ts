// Documents awaiting my signature as a list: title (to the document), the kind of signature
// asked, who sent it and since when, and whether it is overdue. The inbox page adds a checkbox
// to each for a batch; the home page shows the first few.
import type { I18n } from '../../base/i18n/index.ts';
import { h, icon } from '../../base/ui/index.ts';
import type { InboxItem } from '../../../../src/contract/workflow.ts';
import { documentPath } from './paths.ts';

export function inboxItemView(item: InboxItem, i18n: I18n, select?: HTMLInputElement): HTMLElement {
  const meta = i18n.t('workflow.inbox.meta', { kind: i18n.t(`workflow.kind.${item.stepKind}`), drafter: item.drafter.fullName, since: i18n.formatDateTime(item.since) });
  return h(
    'li',
    { class: `inbox-item${item.overdue ? ' inbox-item--overdue' : ''}`, attrs: { 'data-document-id': item.documentId } },
    select ? h('label', { class: 'inbox-item__select' }, select, h('span', { class: 'visually-hidden' }, i18n.t('workflow.inbox.select', { title: item.title }))) : null,
    h(
      'a',
      { class: 'item inbox-item__link', testid: 'inbox-item', attrs: { href: documentPath(item.documentId) } },
      icon('document', 'icon item__icon'),
      h('span', { class: 'item__text' }, h('span', { class: 'item__title' }, item.title), h('span', { class: 'item__meta' }, meta)),
      item.overdue ? h('span', { class: 'status-pill status-pill--bad' }, i18n.t('workflow.overdue')) : null,
    ),
  );
}

export function inboxList(items: readonly InboxItem[], i18n: I18n): HTMLUListElement {
  return h('ul', { class: 'item-list inbox-list' }, ...items.map((item) => inboxItemView(item, i18n)));
}
