import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountLockSchema, userIdParamsSchema } from '../contract/auth.ts';
import type { Db } from '../db/index.ts';
import { problemResponses } from '../errors/index.ts';
import type { Guard } from './guard.ts';
import type { LiveConnections } from './live-connections.ts';
import { setAccountLocked } from './lock-account.ts';
import { principalOf } from './plugin.ts';

export interface AdminUsersRoutesOptions {
  db: Db;
  guard: Guard;
  connections: LiveConnections;
}

/** Account administration: admins, for accounts of their unit subtree. */
export async function adminUsersRoutes(app: FastifyInstance, { db, guard, connections }: AdminUsersRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const [action, locked] of [
    ['lock', true],
    ['unlock', false],
  ] as const) {
    r.post(
      `/api/admin/users/:id/${action}`,
      {
        schema: {
          tags: ['admin'],
          summary: locked
            ? 'Lock an account of the caller’s unit subtree: no sign-in; its sessions and live connections end at once'
            : 'Unlock an account of the caller’s unit subtree (its old sessions stay ended)',
          params: userIdParamsSchema,
          response: { 200: accountLockSchema, ...problemResponses(400, 401, 403, 404, ...(locked ? [409] : [])) },
        },
        preHandler: guard({ roles: ['admin'] }),
      },
      async (request) => setAccountLocked({ db, connections, admin: principalOf(request), userId: request.params.id, locked }),
    );
  }
}
