import { ApiClient, ApiError, type Me } from '../base/api/index.ts';
import type { AppServices } from '../base/app/services.ts';
import { I18n } from '../base/i18n/index.ts';
import { Router, type Route } from '../base/router/index.ts';
import { LiveSocket } from '../base/socket/index.ts';
import { h } from '../base/ui/index.ts';
import { createAgendaFeature } from '../features/agenda/index.ts';
import { createAttendanceFeature } from '../features/attendance/index.ts';
import { createMinutesFeature } from '../features/minutes/index.ts';
import { createAuthFeature, loginRedirect } from '../features/auth/index.ts';
import { createDocumentsFeature } from '../features/documents/index.ts';
import { createHomeFeature } from '../features/home/index.ts';
import { createMeetingRoomFeature } from '../features/meeting-room/index.ts';
import { createMeetingsFeature, meetingPath, MEETINGS_PATH, meetingsNavLink } from '../features/meetings/index.ts';
import { createNotificationsFeature } from '../features/notifications/index.ts';
import { createSigningFeature, signingNavLink } from '../features/signing/index.ts';
import { createWorkflowFeature, inboxNavLink } from '../features/workflow/index.ts';
import { errorView, notFoundView } from './status-views.ts';

/** Same-origin paths served by the server, not by this app (see vite.config.ts proxy). */
const SERVER_PATHS = /^\/(api|socket\.io|docs|healthz)(\/|$)/;

/**
 * Builds the app: services first, then each feature from its index, then the router over
 * all feature routes. A new feature adds one `create…Feature` call and its routes here.
 */
export function createApp(outlet: HTMLElement): { start(): Promise<void> } {
  const i18n = new I18n(safeLocalStorage());
  const api = new ApiClient({ getLanguage: () => i18n.language });
  // The router needs the routes and the routes need navigate(): bind late.
  let router: Router | null = null;
  const services: AppServices = {
    api,
    i18n,
    navigate: (to, options) => (router ? router.navigate(to, options) : Promise.resolve()),
  };

  // What the server pushes to the signed-in user (the room keeps its own connection).
  const live = new LiveSocket({ getLanguage: () => i18n.language });

  const auth = createAuthFeature(services);
  const notifications = createNotificationsFeature({ services, live });
  auth.session.onSignedOut(() => notifications.signedOut());
  // Header of every signed-in page: the meetings, the digital signature, the bell, who is signed
  // in and sign out. Every signed-in page also keeps this tablet's signing agent listening, if it
  // holds a signing key of this user (the agent is idempotent and cheap without one).
  let signingFeature: ReturnType<typeof createSigningFeature> | null = null;
  const userActions = (me: Me): Node[] => {
    void signingFeature?.agent.ensureStarted(me.id).catch(() => {});
    return [meetingsNavLink(i18n), inboxNavLink(i18n), signingNavLink(i18n), notifications.bell(me), ...auth.userActions(me)];
  };
  const featureDeps = { services, session: auth.session, live, requireUser: auth.requireUser, userActions };
  const signing = createSigningFeature(featureDeps);
  signingFeature = signing;
  // Meeting documents on this tablet: upcoming meetings' from the home page, an open meeting's.
  const documents = createDocumentsFeature({ ...featureDeps, meetingPath });
  auth.session.onSignedOut(() => documents.signedOut());
  // Documents on a signing route: the inbox, a document's page, the drafter's upload, verification.
  const workflow = createWorkflowFeature(featureDeps);
  const home = createHomeFeature({ ...featureDeps, keepMeetings: (ids) => documents.keepMeetings(ids), awaitingPanel: (signal) => workflow.homePanel(signal) });
  const meetings = createMeetingsFeature({ ...featureDeps, meetingPanel: (id) => documents.meetingPanel(id) });
  const meetingRoom = createMeetingRoomFeature({
    ...featureDeps,
    currentUser: () => auth.session.current(),
    forgetSession: () => auth.session.forget(),
  });
  const attendance = createAttendanceFeature({ ...featureDeps, currentUser: () => auth.session.current() });
  const agenda = createAgendaFeature({ ...featureDeps, backPath: MEETINGS_PATH });
  const minutes = createMinutesFeature({ ...featureDeps, currentUser: () => auth.session.current() });
  const routes: Route[] = [...auth.routes, ...home.routes, ...meetings.routes, ...meetingRoom.routes, ...signing.routes, ...attendance.routes, ...agenda.routes, ...minutes.routes, ...documents.routes, ...workflow.routes];

  router = new Router({
    outlet,
    routes,
    notFound: () => notFoundView(i18n),
    onError: (error, ctx) => {
      if (error instanceof ApiError && error.isUnauthenticated) {
        auth.session.forget();
        return loginRedirect(ctx.path);
      }
      const message =
        error instanceof ApiError
          ? error.isNetworkError
            ? i18n.t('error.network')
            : (error.problem?.title ?? i18n.t('error.unexpected'))
          : i18n.t('error.unexpected');
      if (!(error instanceof ApiError)) console.error(error);
      return errorView(i18n, message, () => void router?.refresh());
    },
    titleSuffix: () => i18n.t('app.name'),
    isServerPath: (pathname) => SERVER_PATHS.test(pathname),
  });

  i18n.onChange(() => void router?.refresh());

  return {
    start: () => {
      documents.start();
      outlet.replaceChildren(h('p', { class: 'boot-loading', attrs: { role: 'status' } }, i18n.t('app.loading')));
      return router.start();
    },
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
