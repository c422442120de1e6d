// `/inbox` — "Văn bản chờ ký / Awaiting my signature": every document whose active step waits
// for me. Several can be chosen and signed as one act (one PIN, one one-time code), each in the
// default place of its kind (last page); the bar follows the server's pushes.
import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import type { LiveSocket } from '../../base/socket/index.ts';
import { emptyState, h, panel, shell } from '../../base/ui/index.ts';
import type { InboxItem } from '../../../../src/contract/workflow.ts';
import { authoriseDialog } from './authorise-dialog.ts';
import { BatchProgress } from './batch-progress.ts';
import { inboxItemView } from './inbox-list.ts';
import { DRAFTS_PATH, NEW_DOCUMENT_PATH, VERIFY_PATH } from './paths.ts';
import type { WorkflowApi } from './workflow-api.ts';
import { tabletHoldsKey } from '../signing/index.ts';

export interface InboxPageDeps {
  readonly services: AppServices;
  readonly api: WorkflowApi;
  readonly live: LiveSocket;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
}

export async function inboxPage(deps: InboxPageDeps, ctx: RouteContext): Promise<View> {
  const { services, api, me } = deps;
  const { i18n } = services;
  let items: InboxItem[] = (await api.inbox(ctx.signal)).items;
  const selected = new Set<string>();
  const body = h('div', { class: 'inbox' });
  const progress = new BatchProgress(i18n);
  const countLabel = h('span');
  const batchButton = h('button', { class: 'button button--primary', testid: 'batch-sign', attrs: { type: 'button', disabled: true }, on: { click: () => dialog.open() } }, countLabel);
  const all = h('input', {
    class: 'checkbox',
    testid: 'inbox-select-all',
    attrs: { type: 'checkbox' },
    on: {
      change: () => {
        selected.clear();
        if (all.checked) for (const item of items) selected.add(item.documentId);
        render();
      },
    },
  });

  const update = (): void => {
    batchButton.disabled = selected.size === 0;
    countLabel.textContent = selected.size > 0 ? i18n.t('workflow.batch.sign', { count: selected.size }) : i18n.t('workflow.batch.signNone');
    all.checked = items.length > 0 && selected.size === items.length;
  };

  const render = (): void => {
    if (items.length === 0) {
      body.replaceChildren(emptyState(i18n.t('workflow.inbox.empty'), 'document'));
      update();
      return;
    }
    const list = h(
      'ul',
      { class: 'item-list inbox-list', testid: 'inbox-list' },
      ...items.map((item) => {
        const box = h('input', {
          class: 'checkbox',
          testid: `inbox-select-${item.documentId}`,
          attrs: { type: 'checkbox', checked: selected.has(item.documentId) },
          on: {
            change: () => {
              if (box.checked) selected.add(item.documentId);
              else selected.delete(item.documentId);
              update();
            },
          },
        });
        return inboxItemView(item, i18n, box);
      }),
    );
    body.replaceChildren(
      h('div', { class: 'inbox-toolbar' }, h('label', { class: 'check-row' }, all, h('span', null, i18n.t('workflow.inbox.selectAll'))), batchButton),
      h('p', { class: 'field__hint' }, i18n.t('workflow.batch.hint')),
      list,
    );
    update();
  };

  const dialog = authoriseDialog({
    i18n,
    title: i18n.t('workflow.batch.dialogTitle'),
    submitLabel: i18n.t('workflow.sign.confirm'),
    describe: () => [h('p', { class: 'authorise__what' }, i18n.t('workflow.batch.describe', { count: selected.size }))],
    // Seal steps in a batch always use the unit's key; the tablet's key signs the others when chosen.
    offerTabletKey: () => tabletHoldsKey(me.id),
    action: async (pin, code, key) => {
      const chosen = items.filter((i) => selected.has(i.documentId));
      progress.start(chosen.length);
      busy = true;
      try {
        const { proposePlacements } = await import('./batch-placement.ts');
        const result = await api.batch({ pin, code, items: await proposePlacements(api, chosen), ...(key === 'device' ? { key } : {}) });
        progress.finish(result, chosen);
      } catch (error) {
        progress.hide();
        throw error;
      } finally {
        busy = false;
      }
      selected.clear();
      items = (await api.inbox()).items;
      render();
    },
  });

  // A new request (or one withdrawn by a refusal) shows at once; a batch in flight keeps its list.
  let busy = false;
  const refresh = (): void => {
    if (busy) return;
    api.inbox().then(
      (fresh) => {
        if (busy) return;
        items = fresh.items;
        const present = new Set(items.map((i) => i.documentId));
        for (const id of [...selected]) if (!present.has(id)) selected.delete(id);
        render();
      },
      () => {},
    );
  };
  const stops = [
    deps.live.on('signing.progress', (p) => progress.progress(p)),
    deps.live.on('notification', (n) => {
      if (n.kind.startsWith('signing.')) refresh();
    }),
    deps.live.onConnect(refresh),
  ];
  render();

  const mayDraft = me.roles.some((r) => r === 'clerk' || r === 'leader');
  const header = h(
    'div',
    { class: 'page-header' },
    h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } }, i18n.t('workflow.inbox.title')),
    h('p', { class: 'page-header__subtitle' }, i18n.t('workflow.inbox.subtitle')),
    h(
      'div',
      { class: 'document-header__links' },
      mayDraft ? h('a', { class: 'button button--secondary', testid: 'new-document', attrs: { href: NEW_DOCUMENT_PATH } }, i18n.t('workflow.new.title')) : null,
      mayDraft ? h('a', { class: 'button button--ghost', testid: 'sent-documents', attrs: { href: DRAFTS_PATH } }, i18n.t('workflow.drafts.title')) : null,
      h('a', { class: 'button button--ghost', attrs: { href: VERIFY_PATH } }, i18n.t('workflow.verify.title')),
    ),
  );
  return {
    element: shell({ i18n, actions: deps.userActions(me) }, header, progress.element, panel({ id: 'inbox', testid: 'inbox', title: i18n.t('workflow.inbox.listTitle'), icon: 'document' }, body)),
    title: i18n.t('workflow.inbox.title'),
    destroy: () => {
      for (const stop of stops) stop();
      dialog.element.remove();
    },
  };
}
