import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Role } from '../contract/auth.ts';
import { auditPageSchema, auditQuerySchema, chainReportSchema } from '../contract/audit.ts';
import type { Db } from '../db/index.ts';
import { problemResponses } from '../errors/index.ts';
import { listEvents } from './list-events.ts';
import { readScope } from './read-scope.ts';
import { verifyChain } from './verify-chain.ts';

// audit sits below auth (auth records sign-ins through it), so what these routes need of auth
// is handed in by app.ts, as for org.
export interface AuditRoutesOptions {
  db: Db;
  /** Auth's route guard: role, then `unit` within the caller's subtree. */
  guard: (rule: { roles?: readonly Role[]; unit?: (request: FastifyRequest) => string | undefined }) => preHandlerAsyncHookHandler;
  /** The signed-in caller's unit (auth's principal). */
  callerUnit: (request: FastifyRequest) => { path: string };
}

export async function auditRoutes(app: FastifyInstance, { db, guard, callerUnit }: AuditRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit events of actors in the admin’s unit subtree (or ?unitId= within it), newest first',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...problemResponses(400, 401, 403) },
      },
      preHandler: guard({ roles: ['admin'], unit: (req) => (req.query as { unitId?: string }).unitId }),
    },
    async (request) => listEvents(db, await readScope(db, callerUnit(request).path, request.query.unitId), request.query),
  );

  r.get(
    '/api/audit/verify',
    {
      // Walks the whole chain: a few runs a minute are plenty.
      config: { rateLimit: { max: 6, timeWindow: 60_000 } },
      schema: {
        tags: ['audit'],
        summary: 'Walk the audit chain from the genesis and name the first broken link (admins)',
        response: { 200: chainReportSchema, ...problemResponses(401, 403, 429) },
      },
      preHandler: guard({ roles: ['admin'] }),
    },
    async () => verifyChain(db),
  );
}
