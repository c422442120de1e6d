// The signing workflow on the tablet (issue 11.5, 11.6): the inbox of documents awaiting my
// signature (and its short list on the home page), a document on its route with the viewer,
// the signature box and the PIN + code dialog, batches, the drafter's upload and route, and
// the verification page. The document page loads pdf.js, so it is loaded on first use.
import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { I18n } from '../../base/i18n/index.ts';
import type { Guard, Route, RouteContext, View } from '../../base/router/index.ts';
import type { LiveSocket } from '../../base/socket/index.ts';
import { emptyState, h, panel, svgIcon, type LivePanel } from '../../base/ui/index.ts';
import type { InboxItem } from '../../../../src/contract/workflow.ts';
import type { Session } from '../auth/index.ts';
import { inboxList } from './inbox-list.ts';
import { draftsPage } from './drafts-page.ts';
import { inboxPage } from './inbox-page.ts';
import { newDocumentPage } from './new-document-page.ts';
import { DOCUMENT_PATH, DRAFTS_PATH, INBOX_PATH, NEW_DOCUMENT_PATH, VERIFY_PATH } from './paths.ts';
import { verifyPage } from './verify-page.ts';
import { WorkflowApi } from './workflow-api.ts';
import './workflow.css';

export { documentPath, INBOX_PATH } from './paths.ts';

export interface WorkflowFeatureDeps {
  readonly services: AppServices;
  readonly session: Session;
  readonly live: LiveSocket;
  readonly requireUser: Guard;
  readonly userActions: (me: Me) => Node[];
}

export interface WorkflowFeature {
  readonly routes: readonly Route[];
  /** The home page's "awaiting my signature": the first few, and the way to the inbox; kept current until destroyed. */
  homePanel(signal: AbortSignal): Promise<LivePanel>;
}

/** How many inbox items the home page lists. */
const HOME_ITEMS = 5;

/** A tray with a document: the inbox. */
const INBOX_ICON = '<path d="M3 13.5 5.5 5a2 2 0 0 1 1.9-1.5h9.2A2 2 0 0 1 18.5 5l2.5 8.5V19a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/><path d="M3 13.5h5l1.5 2.5h5l1.5-2.5h5"/>';

/** The header link to the inbox (its icon alone below desktop width). */
export function inboxNavLink(i18n: I18n): HTMLAnchorElement {
  return h(
    'a',
    { class: 'button button--ghost nav-inbox', testid: 'nav-inbox', attrs: { href: INBOX_PATH, 'aria-label': i18n.t('workflow.nav'), title: i18n.t('workflow.nav') } },
    svgIcon(INBOX_ICON),
    h('span', { class: 'button__label' }, i18n.t('workflow.nav')),
  );
}

export function createWorkflowFeature(deps: WorkflowFeatureDeps): WorkflowFeature {
  const { services, session } = deps;
  const api = new WorkflowApi(services.api, () => services.i18n.language);
  const page = (name: string, render: (me: Me, ctx: RouteContext) => Promise<View> | View) => async (ctx: RouteContext): Promise<View> => {
    const me = await session.current();
    // The guard ran just before; a null here means the session ended in between.
    if (!me) throw new Error(`${name}: no signed-in user after requireUser`);
    return render(me, ctx);
  };
  const common = { services, api, userActions: deps.userActions };
  return {
    routes: [
      { path: INBOX_PATH, guards: [deps.requireUser], render: page('inbox', (me, ctx) => inboxPage({ ...common, live: deps.live, me }, ctx)) },
      { path: NEW_DOCUMENT_PATH, guards: [deps.requireUser], render: page('new document', (me, ctx) => newDocumentPage({ ...common, me }, ctx)) },
      { path: DRAFTS_PATH, guards: [deps.requireUser], render: page('sent documents', (me, ctx) => draftsPage({ ...common, live: deps.live, me }, ctx)) },
      {
        path: DOCUMENT_PATH,
        guards: [deps.requireUser],
        render: page('document', async (me, ctx) => {
          const { documentPage } = await import('./document-page.ts');
          return documentPage({ ...common, live: deps.live, me }, ctx);
        }),
      },
      { path: VERIFY_PATH, guards: [deps.requireUser], render: page('verify', (me) => verifyPage({ ...common, me })) },
    ],
    homePanel: async (signal) => {
      const { i18n } = services;
      const title = { id: 'home-documents', testid: 'home-documents', title: i18n.t('home.documents'), icon: 'document' } as const;
      const body = h('div', { attrs: { 'aria-live': 'polite' } });
      const show = (items: readonly InboxItem[]): void => {
        const more = items.length > HOME_ITEMS ? h('p', { class: 'panel__more' }, h('a', { attrs: { href: INBOX_PATH } }, i18n.t('workflow.inbox.all', { count: items.length }))) : null;
        body.replaceChildren(items.length > 0 ? inboxList(items.slice(0, HOME_ITEMS), i18n) : emptyState(i18n.t('home.documentsEmpty'), 'document'), ...(more ? [more] : []));
      };
      try {
        show((await api.inbox(signal)).items);
      } catch (error) {
        if (signal.aborted) throw error;
        // The home page still shows (its meetings); this panel says what it could not read.
        body.replaceChildren(h('p', { class: 'field__hint', attrs: { role: 'status' } }, i18n.t('workflow.inbox.failed')));
      }
      // A new request (or one withdrawn, or signed elsewhere) shows at once, without a reload.
      let generation = 0;
      const refresh = (): void => {
        const mine = ++generation;
        api.inbox().then(
          (fresh) => {
            if (mine === generation) show(fresh.items);
          },
          () => {}, // offline: keep the list; the next push or reconnection reads it again
        );
      };
      const stops = [
        deps.live.on('notification', (n) => {
          if (n.kind.startsWith('signing.')) refresh();
        }),
        deps.live.onConnect(refresh),
      ];
      return { element: panel(title, body), destroy: () => stops.forEach((stop) => stop()) };
    },
  };
}
