import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { Guard, Route } from '../../base/router/index.ts';
import type { LiveSocket } from '../../base/socket/index.ts';
import type { LivePanel } from '../../base/ui/index.ts';
import type { Session } from '../auth/index.ts';
import { homePage } from './home-page.ts';

export interface HomeFeatureDeps {
  readonly services: AppServices;
  readonly live: LiveSocket;
  readonly session: Session;
  readonly requireUser: Guard;
  readonly userActions: (me: Me) => Node[];
  /** The upcoming meetings shown: their documents are kept on this tablet (documents feature). */
  readonly keepMeetings?: (meetingIds: readonly string[]) => void;
  /** Documents awaiting the user's signature (the workflow feature), kept current until destroyed. */
  readonly awaitingPanel?: (signal: AbortSignal) => Promise<LivePanel>;
}

export function createHomeFeature(deps: HomeFeatureDeps): { routes: readonly Route[] } {
  return {
    routes: [
      {
        path: '/',
        guards: [deps.requireUser],
        render: async (ctx) => {
          const me = await deps.session.current();
          // The guard ran just before; a null here means the session ended in between.
          if (!me) throw new Error('home: no signed-in user after requireUser');
          return homePage({ services: deps.services, live: deps.live, me, userActions: deps.userActions, keepMeetings: deps.keepMeetings, awaitingPanel: deps.awaitingPanel }, ctx);
        },
      },
    ],
  };
}
