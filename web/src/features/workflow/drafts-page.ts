// `/documents/sent` — "Văn bản đã trình ký / Sent for signature": the documents whose route I
// drafted, newest first, each with where it is now — the step it waits at and for whom,
// completed, or refused and why (issue 11.1). The list refreshes when a signing notification
// arrives (a signature, a refusal, the route's end) and when the socket reconnects.
import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { I18n } from '../../base/i18n/index.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import type { LiveSocket } from '../../base/socket/index.ts';
import { emptyState, h, icon, panel, shell } from '../../base/ui/index.ts';
import type { DraftItem } from '../../../../src/contract/workflow.ts';
import { documentPath, INBOX_PATH, NEW_DOCUMENT_PATH } from './paths.ts';
import type { WorkflowApi } from './workflow-api.ts';

export interface DraftsPageDeps {
  readonly services: AppServices;
  readonly api: WorkflowApi;
  readonly live: LiveSocket;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
}

const PILL = { active: 'status-pill--active', done: 'status-pill--done', rejected: 'status-pill--rejected' } as const;

export async function draftsPage(deps: DraftsPageDeps, ctx: RouteContext): Promise<View> {
  const { services, api, me } = deps;
  const { i18n } = services;
  let items = (await api.drafts(ctx.signal)).items;
  const body = h('div', { class: 'drafts' });
  const render = (): void => {
    body.replaceChildren(
      items.length === 0 ? emptyState(i18n.t('workflow.drafts.empty'), 'document') : h('ul', { class: 'item-list inbox-list', testid: 'drafts-list' }, ...items.map((item) => draftItemView(item, i18n))),
    );
  };
  const refresh = (): void => {
    api.drafts().then(
      (fresh) => {
        items = fresh.items;
        render();
      },
      () => {},
    );
  };
  const stops = [
    deps.live.on('notification', (n) => {
      if (n.kind.startsWith('signing.')) refresh();
    }),
    deps.live.onConnect(refresh),
  ];
  render();

  const header = h(
    'div',
    { class: 'page-header' },
    h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } }, i18n.t('workflow.drafts.title')),
    h('p', { class: 'page-header__subtitle' }, i18n.t('workflow.drafts.subtitle')),
    h(
      'div',
      { class: 'document-header__links' },
      h('a', { class: 'button button--secondary', attrs: { href: NEW_DOCUMENT_PATH } }, i18n.t('workflow.new.title')),
      h('a', { class: 'button button--ghost', attrs: { href: INBOX_PATH } }, i18n.t('workflow.inbox.title')),
    ),
  );
  return {
    element: shell({ i18n, actions: deps.userActions(me) }, header, panel({ id: 'drafts', testid: 'drafts', title: i18n.t('workflow.drafts.listTitle'), icon: 'document' }, body)),
    title: i18n.t('workflow.drafts.title'),
    destroy: () => {
      for (const stop of stops) stop();
    },
  };
}

/** One document: its title (to the document page), when it was sent and how far it got, and where it is now. */
export function draftItemView(item: DraftItem, i18n: I18n): HTMLElement {
  const { route } = item;
  const meta = i18n.t('workflow.drafts.meta', { at: i18n.formatDateTime(route.createdAt), done: route.stepsDone, total: route.steps });
  const now = route.current
    ? i18n.t('workflow.route.now.waiting', {
        position: route.current.position,
        kind: i18n.t(`workflow.kind.${route.current.kind}`),
        names: route.current.waitingFor.map((p) => p.fullName).join(', '),
      })
    : route.rejection
      ? i18n.t('workflow.route.now.rejected', { name: route.rejection.by.fullName, reason: route.rejection.reason })
      : route.status === 'done'
        ? i18n.t('workflow.route.now.done')
        : null;
  const overdue = route.current?.overdue ?? false;
  return h(
    'li',
    { class: `inbox-item${overdue ? ' inbox-item--overdue' : ''}`, attrs: { 'data-document-id': item.documentId, 'data-status': route.status } },
    h(
      'a',
      { class: 'item inbox-item__link', testid: 'draft-item', attrs: { href: documentPath(item.documentId) } },
      icon('document', 'icon item__icon'),
      h(
        'span',
        { class: 'item__text' },
        h('span', { class: 'item__title' }, item.title),
        h('span', { class: 'item__meta' }, meta),
        now ? h('span', { class: 'item__meta', testid: 'draft-now' }, now) : null,
      ),
      overdue ? h('span', { class: 'status-pill status-pill--bad' }, i18n.t('workflow.overdue')) : null,
      h('span', { class: `status-pill ${PILL[route.status]}`, testid: 'draft-status' }, i18n.t(`workflow.drafts.status.${route.status}`)),
    ),
  );
}
