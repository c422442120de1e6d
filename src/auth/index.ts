// Accounts, sessions and who the caller is: the auth plugin puts a Principal on every request,
// the guard checks role and unit scope. Sits above org (a principal's unit and its subtree).
export { adminUsersRoutes, type AdminUsersRoutesOptions } from './admin-users-routes.ts';
export { assertRole, createGuard, type Guard, type GuardRule } from './guard.ts';
export type { LiveConnections } from './live-connections.ts';
export { authPlugin, principalOf, SESSION_COOKIE } from './plugin.ts';
export type { Principal } from './principal.ts';
export { authRoutes } from './routes.ts';
export { authenticate, resolveSession, type Authenticated } from './session.service.ts';
export { unitUsersRoutes } from './unit-users-routes.ts';
export {
  activeUserIdsOfUnits,
  createUser,
  getAccount,
  getAccounts,
  getActiveAccountsByUsername,
  getPeople,
  hasAnyUser,
  isActiveUserOf,
} from './users.service.ts';
