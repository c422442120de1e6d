// Meeting documents on every tablet: the offline store (service worker + Cache Storage, each
// version checked by SHA-256), the pdf.js viewer, and following the presenter. The viewer's
// page is loaded on first use (pdf.js is large); the store and the watch live as long as the app.
import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { Guard, Route } from '../../base/router/index.ts';
import type { LiveSocket } from '../../base/socket/index.ts';
import type { Session } from '../auth/index.ts';
import { meetingDocumentsPanel } from './meeting-documents-panel.ts';
import { MeetingWatch } from './meeting-watch.ts';
import { OfflineDocuments } from './offline-store.ts';
import { DOCUMENTS_PATH, documentsPath } from './paths.ts';
import { registerServiceWorker } from './register-service-worker.ts';

export { documentsPath } from './paths.ts';
export { documentStatus } from './document-status.ts';
export type { OfflineDocuments } from './offline-store.ts';

export interface DocumentsFeatureDeps {
  readonly services: AppServices;
  readonly session: Session;
  readonly live: LiveSocket;
  readonly requireUser: Guard;
  readonly userActions: (me: Me) => Node[];
  /** A meeting's own page (the documents page links back to it). */
  readonly meetingPath: (meetingId: string) => string;
}

export interface DocumentsFeature {
  readonly routes: readonly Route[];
  readonly offline: OfflineDocuments;
  /** Registers the service worker. */
  start(): void;
  /** The home page's upcoming meetings: their documents are kept on this tablet. */
  keepMeetings(meetingIds: readonly string[]): void;
  /** For a meeting's page: its documents' state on this tablet and the way to the viewer. */
  meetingPanel(meetingId: string): { element: HTMLElement; destroy(): void };
  /** At sign-out: nothing of the user stays on the tablet. */
  signedOut(): void;
}

export function createDocumentsFeature(deps: DocumentsFeatureDeps): DocumentsFeature {
  const { services, live } = deps;
  const offline = new OfflineDocuments(services.api);
  const watch = new MeetingWatch({ live, offline });
  return {
    offline,
    routes: [
      {
        path: DOCUMENTS_PATH,
        guards: [deps.requireUser],
        render: async (ctx) => {
          const me = await deps.session.current();
          // The guard ran just before; a null here means the session ended in between.
          if (!me) throw new Error('documents: no signed-in user after requireUser');
          const { documentsPage } = await import('./documents-page.ts');
          return documentsPage({ services, live, offline, watch, me, userActions: deps.userActions, meetingPath: deps.meetingPath }, ctx);
        },
      },
    ],
    start: registerServiceWorker,
    keepMeetings: (meetingIds) => watch.keep(meetingIds),
    meetingPanel: (meetingId) => meetingDocumentsPanel(meetingId, { i18n: services.i18n, offline, watch, documentsPath }),
    signedOut: () => {
      watch.clear();
      void offline.forgetAll();
    },
  };
}
