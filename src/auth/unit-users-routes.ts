import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userSchema } from '../contract/auth.ts';
import { unitIdParamsSchema } from '../contract/units.ts';
import type { Db } from '../db/index.ts';
import { problemResponses } from '../errors/index.ts';
import type { Guard } from './guard.ts';
import { listUnitUsers } from './users.service.ts';

// Accounts belong to auth, so auth answers for a unit's accounts although the URL is under
// /api/units (org's): org sits below auth and knows nothing of users.
export async function unitUsersRoutes(app: FastifyInstance, { db, guard }: { db: Db; guard: Guard }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/units/:id/users',
    {
      schema: {
        tags: ['units'],
        summary: 'Accounts of one unit within the caller’s scope',
        params: unitIdParamsSchema,
        response: { 200: z.array(userSchema), ...problemResponses(401, 403) },
      },
      preHandler: guard({ unit: (req) => (req.params as { id: string }).id }),
    },
    async (request) => listUnitUsers(db, request.params.id),
  );
}
