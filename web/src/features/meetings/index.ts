import type { Me, MeetingDetail } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { I18n } from '../../base/i18n/index.ts';
import type { Guard, Route, RouteContext } from '../../base/router/index.ts';
import type { LiveSocket } from '../../base/socket/index.ts';
import { h, icon } from '../../base/ui/index.ts';
import type { Session } from '../auth/index.ts';
import { meetingDetailPage } from './meeting-detail-page.ts';
import { meetingFormPage } from './meeting-form-page.ts';
import { canScheduleMeetings, meetingsListPage } from './meetings-list-page.ts';
import { MeetingsApi } from './meetings-api.ts';
import { meetingPath, MEETINGS_PATH, NEW_MEETING_PATH } from './paths.ts';
import './meetings.css';

export { MeetingsApi } from './meetings-api.ts';
export type { MeetingDetail, MeetingSummary } from '../../base/api/index.ts';
export { MEETINGS_PATH, meetingPath, roomPath } from './paths.ts';
export { roomIsOpen, statusBadge } from './meeting-status.ts';

export interface MeetingsFeatureDeps {
  readonly services: AppServices;
  readonly session: Session;
  readonly live: LiveSocket;
  readonly requireUser: Guard;
  readonly userActions: (me: Me) => Node[];
  /** Shown on a meeting's page below its facts: its documents on this tablet (documents feature). */
  readonly meetingPanel?: (meetingId: string) => { element: HTMLElement; destroy(): void };
}

/** The header link to the meetings list, for every signed-in page. */
export function meetingsNavLink(i18n: I18n): HTMLAnchorElement {
  return h(
    'a',
    { class: 'button button--ghost nav-meetings', testid: 'nav-meetings', attrs: { href: MEETINGS_PATH, 'aria-label': i18n.t('meetings.nav'), title: i18n.t('meetings.nav') } },
    icon('calendar'),
    h('span', { class: 'button__label' }, i18n.t('meetings.nav')),
  );
}

export function createMeetingsFeature(deps: MeetingsFeatureDeps): { routes: readonly Route[] } {
  const { services, session, live } = deps;
  const meetings = new MeetingsApi(services.api);
  const currentUser = async (): Promise<Me> => {
    const me = await session.current();
    // The guard ran just before; a null here means the session ended in between.
    if (!me) throw new Error('meetings: no signed-in user after requireUser');
    return me;
  };
  const pageDeps = async () => ({ services, meetings, live, me: await currentUser(), userActions: deps.userActions, meetingPanel: deps.meetingPanel });
  // Only clerks and leaders schedule; others are sent to the list rather than shown a form the
  // server would refuse. Editing is offered only where the server says the caller may edit.
  const requireScheduler: Guard = async () => (canScheduleMeetings(await currentUser()) ? null : MEETINGS_PATH);
  // The meeting the edit guard read, handed to the render of the same navigation.
  const editable = new WeakMap<RouteContext, MeetingDetail>();
  const requireEditable: Guard = async (ctx) => {
    const meeting = await meetings.get(ctx.params.id ?? '', ctx.signal);
    if (!meeting.actions.includes('edit')) return meetingPath(meeting.id);
    editable.set(ctx, meeting);
    return null;
  };

  return {
    routes: [
      { path: MEETINGS_PATH, guards: [deps.requireUser], render: async (ctx) => meetingsListPage(await pageDeps(), ctx) },
      { path: NEW_MEETING_PATH, guards: [deps.requireUser, requireScheduler], render: async (ctx) => meetingFormPage(await pageDeps(), ctx) },
      { path: '/meetings/:id', guards: [deps.requireUser], render: async (ctx) => meetingDetailPage(await pageDeps(), ctx) },
      {
        path: '/meetings/:id/edit',
        guards: [deps.requireUser, requireEditable],
        render: async (ctx) => {
          const editing = editable.get(ctx) ?? (await meetings.get(ctx.params.id ?? '', ctx.signal));
          return meetingFormPage({ ...(await pageDeps()), editing }, ctx);
        },
      },
    ],
  };
}
