import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role } from '../contract/auth.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { isUnitWithin } from '../org/index.ts';
import { principalOf } from './plugin.ts';
import type { Principal } from './principal.ts';

export interface GuardRule {
  /** Any one of these roles is enough; omitted means any signed-in user. */
  roles?: readonly Role[];
  /** The unit the request acts on; it must lie in the caller's unit subtree. */
  unit?: (request: FastifyRequest) => string | undefined;
}

/** Throws unless the principal holds one of the roles. */
export function assertRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.some((r) => principal.roles.includes(r))) {
    throw new AppError('auth.forbidden_role', { extra: { requiredRoles: roles } });
  }
}

/** Throws unless the unit is the principal's own unit or one below it. */
export async function assertUnitScope(db: Db, principal: Principal, unitId: string): Promise<void> {
  if (!(await isUnitWithin(db, principal.unit.path, unitId))) throw new AppError('auth.forbidden_scope');
}

/** The one guard every route uses: role, then unit-subtree scope. */
export function createGuard(db: Db) {
  return (rule: GuardRule = {}): preHandlerAsyncHookHandler =>
    async function guard(request) {
      const principal = principalOf(request);
      if (rule.roles) assertRole(principal, rule.roles);
      const unitId = rule.unit?.(request);
      if (unitId !== undefined) await assertUnitScope(db, principal, unitId);
    };
}
export type Guard = ReturnType<typeof createGuard>;
