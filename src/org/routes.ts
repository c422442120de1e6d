import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Guard } from '../auth/guard.ts';
import { principalOf } from '../auth/plugin.ts';
import { listUnitUsers } from '../auth/users.service.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import { problemResponses } from '../errors/openapi.ts';
import { getSubtree, getUnit } from './units.service.ts';

const unitSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  level: z.string(),
  parentId: z.uuid().nullable(),
});
type UnitTree = z.infer<typeof unitSchema> & { children: UnitTree[] };
const unitTreeSchema: z.ZodType<UnitTree> = unitSchema.extend({
  get children() {
    return z.array(unitTreeSchema);
  },
}).meta({ id: 'UnitTree' });

const unitUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  title: z.string().nullable(),
  roles: z.array(z.string()),
});

export async function orgRoutes(app: FastifyInstance, { db, guard }: { db: Db; guard: Guard }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const idParams = z.object({ id: z.uuid() });

  r.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: 'The unit tree under the caller’s unit, or under ?root= when that lies within it',
        querystring: z.object({ root: z.uuid().optional() }),
        response: { 200: unitTreeSchema, ...problemResponses(401, 403) },
      },
      preHandler: guard({ unit: (req) => (req.query as { root?: string }).root }),
    },
    async (request) => {
      const principal = principalOf(request);
      const root = request.query.root ? await getUnit(db, request.query.root) : principal.unit;
      const tree = root && (await getSubtree(db, root.path));
      if (!tree) throw new AppError('unit.not_found');
      return tree;
    },
  );

  r.get(
    '/api/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'One unit within the caller’s scope',
        params: idParams,
        response: { 200: unitSchema, ...problemResponses(401, 403, 404) },
      },
      preHandler: guard({ unit: (req) => (req.params as { id: string }).id }),
    },
    async (request) => {
      const unit = await getUnit(db, request.params.id);
      if (!unit) throw new AppError('unit.not_found');
      const { path: _path, ...rest } = unit;
      return rest;
    },
  );

  r.get(
    '/api/units/:id/users',
    {
      schema: {
        tags: ['units'],
        summary: 'Accounts of one unit within the caller’s scope',
        params: idParams,
        response: { 200: z.array(unitUserSchema), ...problemResponses(401, 403) },
      },
      preHandler: guard({ unit: (req) => (req.params as { id: string }).id }),
    },
    async (request) => listUnitUsers(db, request.params.id),
  );
}
