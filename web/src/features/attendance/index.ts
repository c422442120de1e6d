import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { Guard, Route } from '../../base/router/index.ts';
import { attendancePage } from './attendance-page.ts';
import './attendance.css';

// Attendance (issue 10.6): the chair's live quorum in the room, and the attendance sheet page
// with its CSV for the organiser, the chair and the secretary.
export { quorumPanel } from './quorum-panel.ts';
export { attendancePath } from './paths.ts';

export interface AttendanceFeatureDeps {
  readonly services: AppServices;
  readonly requireUser: Guard;
  readonly userActions: (me: Me) => Node[];
  readonly currentUser: () => Promise<Me | null>;
}

export function createAttendanceFeature(deps: AttendanceFeatureDeps): { routes: readonly Route[] } {
  const { services } = deps;
  return {
    routes: [
      {
        path: '/meetings/:id/attendance',
        guards: [deps.requireUser],
        render: async (ctx) => {
          const me = await deps.currentUser();
          if (!me) throw new Error('attendance: no signed-in user after requireUser');
          return attendancePage({ services, api: services.api, me, userActions: deps.userActions }, ctx);
        },
      },
    ],
  };
}
