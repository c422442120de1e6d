import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { I18n } from '../../base/i18n/index.ts';
import type { Guard, Route } from '../../base/router/index.ts';
import { h, icon } from '../../base/ui/index.ts';
import type { Session } from '../auth/index.ts';
import { meetingFormPage } from './meeting-form-page.ts';
import { canScheduleMeetings, meetingsListPage } from './meetings-list-page.ts';
import { MeetingsApi } from './meetings-api.ts';
import { MEETINGS_PATH, NEW_MEETING_PATH } from './paths.ts';
import './meetings.css';

export { MeetingsApi } from './meetings-api.ts';
export type { MeetingDetail, MeetingSummary } from '../../base/api/index.ts';
export { MEETINGS_PATH, roomPath } from './paths.ts';
export { roomIsOpen } from './meeting-status.ts';

export interface MeetingsFeatureDeps {
  readonly services: AppServices;
  readonly session: Session;
  readonly requireUser: Guard;
  readonly userActions: (me: Me) => Node[];
}

/** The header link to the meetings list, for every signed-in page. */
export function meetingsNavLink(i18n: I18n): HTMLAnchorElement {
  return h(
    'a',
    { class: 'button button--ghost', testid: 'nav-meetings', attrs: { href: MEETINGS_PATH } },
    icon('calendar'),
    h('span', { class: 'button__label' }, i18n.t('meetings.nav')),
  );
}

export function createMeetingsFeature(deps: MeetingsFeatureDeps): { routes: readonly Route[] } {
  const { services, session } = deps;
  const meetings = new MeetingsApi(services.api);
  const currentUser = async (): Promise<Me> => {
    const me = await session.current();
    // The guard ran just before; a null here means the session ended in between.
    if (!me) throw new Error('meetings: no signed-in user after requireUser');
    return me;
  };
  // Only clerks and leaders schedule; others are sent to the list rather than shown a form the
  // server would refuse.
  const requireScheduler: Guard = async () => (canScheduleMeetings(await currentUser()) ? null : MEETINGS_PATH);

  return {
    routes: [
      {
        path: MEETINGS_PATH,
        guards: [deps.requireUser],
        render: async (ctx) => meetingsListPage({ services, meetings, me: await currentUser(), userActions: deps.userActions }, ctx),
      },
      {
        path: NEW_MEETING_PATH,
        guards: [deps.requireUser, requireScheduler],
        render: async (ctx) => meetingFormPage({ services, meetings, me: await currentUser(), userActions: deps.userActions }, ctx),
      },
    ],
  };
}
