import { safeLocalPath, type Guard } from '../../base/router/index.ts';
import type { Session } from './session.ts';

export const LOGIN_PATH = '/login';

/** Where to send a signed-out visitor of `path`, remembering where they were going. */
export function loginRedirect(path: string): string {
  return path === '/' ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(path)}`;
}

/** For pages that need a signed-in user. */
export function requireUser(session: Session): Guard {
  return async (ctx) => ((await session.current()) ? null : loginRedirect(ctx.path + (ctx.query.size ? `?${ctx.query}` : '')));
}

/** For the login page: a signed-in user goes straight on. */
export function redirectIfSignedIn(session: Session): Guard {
  return async (ctx) => ((await session.current()) ? safeLocalPath(ctx.query.get('next')) : null);
}
