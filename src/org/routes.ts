import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { unitIdParamsSchema, unitSchema, unitTreeQuerySchema, unitTreeSchema } from '../contract/units.ts';
import type { Db } from '../db/index.ts';
import { AppError, problemResponses } from '../errors/index.ts';
import { getSubtree, getUnit } from './units.service.ts';

// org sits below auth: auth builds its principals from units and scopes its guard by the unit
// tree, so org cannot import auth. What these routes need of auth is handed in by app.ts.
export interface OrgRoutesOptions {
  db: Db;
  /** Auth's route guard; `unit` names the unit the request acts on, refused outside the caller's subtree. */
  guard: (rule: { unit?: (request: FastifyRequest) => string | undefined }) => preHandlerAsyncHookHandler;
  /** The signed-in caller's unit (auth's principal), the default root of the tree. */
  callerUnit: (request: FastifyRequest) => { path: string };
}

export async function orgRoutes(app: FastifyInstance, { db, guard, callerUnit }: OrgRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: 'The unit tree under the caller’s unit, or under ?root= when that lies within it',
        querystring: unitTreeQuerySchema,
        response: { 200: unitTreeSchema, ...problemResponses(401, 403) },
      },
      preHandler: guard({ unit: (req) => (req.query as { root?: string }).root }),
    },
    async (request) => {
      const root = request.query.root ? await getUnit(db, request.query.root) : callerUnit(request);
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
        params: unitIdParamsSchema,
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
}
