// `/meetings/:id/documents`: the meeting's documents and the viewer, on a tablet in the meeting
// or away from it. Everything a reader opens comes from this tablet when it is there (checked
// against the manifest's SHA-256), so the page keeps working when the network goes. The
// presenter leads: this viewer follows the presentation until the reader browses away.
import type { AgendaView, Me, MeetingDetail, MeetingDocument } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import { LiveRequestError, type LiveSocket } from '../../base/socket/index.ts';
import { h, shell } from '../../base/ui/index.ts';
import { agendaDocuments, documentList } from './document-list.ts';
import { storedSummary } from './document-status.ts';
import { DocumentViewer, type MoveSource } from './document-viewer.ts';
import type { MeetingWatch } from './meeting-watch.ts';
import type { OfflineDocuments } from './offline-store.ts';
import { PresentationClient } from './presentation-client.ts';
import { presenterBar } from './presenter-bar.ts';
import { meetingDocumentFileUrl } from './paths.ts';
import { PresenterFollow, type Position } from './presenter-follow.ts';
import './documents.css';

export interface DocumentsPageDeps {
  readonly services: AppServices;
  readonly live: LiveSocket;
  readonly offline: OfflineDocuments;
  readonly watch: MeetingWatch;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
  /** The meeting's own page (the back link). */
  readonly meetingPath: (meetingId: string) => string;
}

const meetingApi = (meetingId: string): string => `/api/meetings/${encodeURIComponent(meetingId)}`;

export async function documentsPage(deps: DocumentsPageDeps, ctx: RouteContext): Promise<View> {
  const { services, live, offline, me } = deps;
  const { i18n, api } = services;
  const meetingId = ctx.params.id ?? '';
  const [meeting, firstAgenda] = await Promise.all([
    api.get<MeetingDetail>(meetingApi(meetingId), { signal: ctx.signal }),
    api.get<AgendaView>(`${meetingApi(meetingId)}/agenda`, { signal: ctx.signal }),
  ]);
  const stops: Array<() => void> = [deps.watch.hold(meetingId)];
  let agenda: Pick<AgendaView, 'items' | 'documents'> = firstAgenda;
  let docs = new Map(agendaDocuments(agenda).map((d) => [d.id, d]));

  const viewer = new DocumentViewer({ i18n });
  const client = new PresentationClient({ live, meetingId });
  let problem: string | null = null;

  /** Opens a place: the agenda's version from this tablet, an earlier one from the server. */
  const openAt = (position: Position, source: MoveSource): void => {
    const doc = docs.get(position.documentId);
    const title = doc?.title ?? '';
    const load =
      doc && doc.version === position.version
        ? () => offline.bytes(doc)
        : () => offline.unlistedBytes(meetingDocumentFileUrl(meetingId, position.documentId, position.version));
    viewer.show({ id: position.documentId, version: position.version, title }, load, position.page, source).catch(() => {
      if (!navigator.onLine) viewer.showMessage(i18n.t('documents.viewer.unavailable'));
    });
  };
  const follow = new PresenterFollow({ source: client, me: me.id, show: (p) => openAt(p, 'remote') });

  const summary = storedSummary(i18n, offline);
  const listHolder = h('nav', { class: 'documents-list', attrs: { 'aria-label': i18n.t('documents.list') } });
  let list = documentList(agenda, { i18n, offline, open: (doc: MeetingDocument) => openAt({ documentId: doc.id, version: doc.version, page: 1 }, 'user') });
  const showList = (): void => {
    list.destroy();
    list = documentList(agenda, { i18n, offline, open: (doc) => openAt({ documentId: doc.id, version: doc.version, page: 1 }, 'user') });
    listHolder.replaceChildren(list.element);
    list.select(viewer.position?.documentId ?? null);
    summary.show([...docs.values()].map((d) => d.url));
  };
  listHolder.append(list.element);
  summary.show([...docs.values()].map((d) => d.url));

  const showAgenda = (next: Pick<AgendaView, 'items' | 'documents'>): void => {
    agenda = next;
    docs = new Map(agendaDocuments(agenda).map((d) => [d.id, d]));
    showList();
  };
  const catchUp = async (): Promise<void> => {
    try {
      await live.request('watchMeeting', { meetingId });
      showAgenda(await api.get<AgendaView>(`${meetingApi(meetingId)}/agenda`));
    } catch {
      // Offline: the agenda shown stays; the next connection catches up.
    }
  };

  const bar = presenterBar(i18n, {
    returnToPresenter: () => follow.returnToPresenter(),
    lead: () => follow.lead(viewer.position),
    stopLeading: () => void follow.stopLeading().catch((err: unknown) => showProblem(err)),
  });
  const renderBar = (): void =>
    bar.render({ state: client.state, mode: follow.mode, canLead: client.canLead, titleOf: (id) => docs.get(id)?.title ?? '…', problem });
  const showProblem = (err: unknown): void => {
    problem = i18n.t('documents.presenter.failed', { reason: err instanceof LiveRequestError ? err.message : String(err) });
    renderBar();
  };
  client.onError(showProblem);
  stops.push(
    client.onChange(() => renderBar()),
    follow.onChange(() => {
      if (follow.mode !== 'leading') problem = null;
      renderBar();
    }),
    viewer.onMove((position, source) => {
      list.select(position.documentId);
      if (source === 'user') follow.moved(position);
    }),
    live.on('agendaUpdated', (next) => {
      if (next.meetingId !== meetingId) return;
      showAgenda(next);
      // The current item, and so who may lead, may have changed.
      void client.refresh();
    }),
    // Pushes sent while this tablet was not watching (before the socket connected, or while it
    // was down) were missed: watch, then read the agenda again.
    live.onConnect(() => void catchUp()),
    live.on('documentVersionAdded', ({ meetingId: id, document }) => {
      if (id !== meetingId) return;
      docs.set(document.id, document);
      agenda = replaceDocument(agenda, document);
      showList();
    }),
  );

  const offlineNotice = h('p', { class: 'notice notice--info documents-offline', testid: 'documents-offline', attrs: { role: 'status', hidden: navigator.onLine } }, i18n.t('documents.offline'));
  const network = (): void => {
    offlineNotice.hidden = navigator.onLine;
  };
  window.addEventListener('online', network);
  window.addEventListener('offline', network);
  stops.push(() => {
    window.removeEventListener('online', network);
    window.removeEventListener('offline', network);
  });

  // The agenda was read before this page watched the meeting: catch up once it does.
  if (live.connected) void catchUp();

  // Where to start: the place asked for in the address, else the presentation (once read),
  // else the first document — not a move of the reader's, so following goes on.
  const asked = ctx.query.get('doc');
  const askedDoc = asked ? docs.get(asked) : undefined;
  const first = agendaDocuments(agenda)[0];
  if (askedDoc) {
    follow.browse();
    openAt({ documentId: askedDoc.id, version: askedDoc.version, page: Number(ctx.query.get('page') ?? 1) || 1 }, 'user');
  }
  else if (client.state.presentation) follow.start();
  else if (first) openAt({ documentId: first.id, version: first.version, page: 1 }, 'remote');
  else viewer.showMessage(i18n.t('documents.empty'));
  renderBar();

  const header = h(
    'div',
    { class: 'page-header documents-header' },
    h('p', { class: 'breadcrumb' }, h('a', { attrs: { href: deps.meetingPath(meetingId) } }, `← ${i18n.t('documents.back')}`)),
    h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } }, i18n.t('documents.title')),
    h('p', { class: 'page-header__subtitle', testid: 'documents-meeting' }, meeting.title),
    summary.element,
  );
  const layout = h('div', { class: 'documents-layout' }, listHolder, h('div', { class: 'documents-viewer' }, viewer.element));
  return {
    element: shell({ i18n, actions: deps.userActions(me) }, h('div', { class: 'documents-page', testid: 'documents-page' }, header, offlineNotice, bar.element, layout)),
    title: `${i18n.t('documents.title')} · ${meeting.title}`,
    destroy: () => {
      for (const stop of stops) stop();
      list.destroy();
      summary.destroy();
      follow.destroy();
      client.destroy();
      viewer.destroy();
    },
  };
}

/** The agenda with `document` (a new version) in place of the one it replaces. */
function replaceDocument<A extends Pick<AgendaView, 'items' | 'documents'>>(agenda: A, document: MeetingDocument): A {
  const swap = (list: readonly MeetingDocument[]) => list.map((d) => (d.id === document.id ? document : d));
  return { ...agenda, documents: swap(agenda.documents), items: agenda.items.map((i) => ({ ...i, documents: swap(i.documents) })) };
}
