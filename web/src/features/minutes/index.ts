import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { Guard, Route } from '../../base/router/index.ts';
import { minutesPage } from './minutes-page.ts';
import './minutes.css';

// Minutes (issue 10.9): the page where the secretary reads the draft and writes the conclusions,
// and where everyone invited finds the final minutes once the meeting is closed.

export interface MinutesFeatureDeps {
  readonly services: AppServices;
  readonly requireUser: Guard;
  readonly userActions: (me: Me) => Node[];
  readonly currentUser: () => Promise<Me | null>;
}

export function createMinutesFeature(deps: MinutesFeatureDeps): { routes: readonly Route[] } {
  const { services } = deps;
  return {
    routes: [
      {
        path: '/meetings/:id/minutes',
        guards: [deps.requireUser],
        render: async (ctx) => {
          const me = await deps.currentUser();
          if (!me) throw new Error('minutes: no signed-in user after requireUser');
          return minutesPage({ services, me, userActions: deps.userActions }, ctx);
        },
      },
    ],
  };
}
