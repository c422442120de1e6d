import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import { h } from '../../base/ui/index.ts';
import type { Guard, Route } from '../../base/router/index.ts';
import { LOGIN_PATH, redirectIfSignedIn, requireUser } from './guards.ts';
import { loginPage, type LoginDraft } from './login-page.ts';
import { logoutButton } from './logout-button.ts';
import { Session } from './session.ts';

export { LOGIN_PATH, loginRedirect } from './guards.ts';
export type { Session } from './session.ts';

export interface AuthFeature {
  readonly session: Session;
  readonly routes: readonly Route[];
  /** Guard for every page that needs a signed-in user. */
  readonly requireUser: Guard;
  /** Header controls for signed-in pages: who is signed in, and sign out. */
  userActions(me: Me): Node[];
}

export function createAuthFeature(services: AppServices): AuthFeature {
  const session = new Session(services.api);
  const draft: LoginDraft = { username: '' };
  return {
    session,
    requireUser: requireUser(session),
    routes: [
      {
        path: LOGIN_PATH,
        guards: [redirectIfSignedIn(session)],
        render: (ctx) => loginPage(services, session, draft, ctx),
      },
    ],
    userActions: (me) => [
      h(
        'span',
        { class: 'user-chip' },
        h('span', { class: 'user-chip__name' }, me.fullName),
        h('span', { class: 'user-chip__unit' }, me.unit.name),
      ),
      logoutButton(services, session),
    ],
  };
}
