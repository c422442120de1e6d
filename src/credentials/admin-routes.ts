import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Guard } from '../auth/index.ts';
import { certificateInfoSchema, idParamsSchema, importP12Schema, sealRequestSchema } from '../contract/credentials.ts';
import type { Db } from '../db/index.ts';
import { problemResponses } from '../errors/index.ts';
import type { Credentials } from './credentials-service.ts';
import { assertAdministers } from './unlock-signing.ts';

// What an administrator does with other people's and units' keys, within his unit subtree.
export async function adminSigningRoutes(app: FastifyInstance, opts: { db: Db; guard: Guard; credentials: Credentials }): Promise<void> {
  const { credentials, guard } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['signing'];
  const unitParam = (req: { params: unknown }) => (req.params as { id: string }).id;

  r.post(
    '/api/users/:id/signing/unlock',
    {
      preHandler: guard({ roles: ['admin'] }),
      schema: {
        tags,
        summary: 'Unlock signing after too many failed attempts (an admin of the user’s unit subtree)',
        params: idParamsSchema,
        response: { 204: z.null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await credentials.unlock({ admin: principalOf(request), userId: request.params.id });
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/users/:id/signing/import',
    {
      preHandler: guard({ roles: ['admin'] }),
      bodyLimit: 300_000,
      schema: {
        tags,
        summary: 'Import a .p12 from a real CA for a user; it becomes his key at his next PIN entry',
        params: idParamsSchema,
        body: importP12Schema,
        response: { 201: certificateInfoSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const admin = principalOf(request);
      await assertAdministers(opts.db, admin, request.params.id);
      return reply.code(201).send(await credentials.importFor({ userId: request.params.id, ...request.body, createdBy: admin.id }));
    },
  );

  r.get(
    '/api/units/:id/seal',
    {
      preHandler: guard({ roles: ['admin', 'clerk'], unit: unitParam }),
      schema: {
        tags,
        summary: 'The unit’s seal certificate, if it has one',
        params: idParamsSchema,
        response: { 200: z.object({ seal: certificateInfoSchema.nullable() }), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ seal: await credentials.seal(request.params.id) }),
  );

  r.post(
    '/api/units/:id/seal',
    {
      preHandler: guard({ roles: ['admin'], unit: unitParam }),
      bodyLimit: 300_000,
      schema: {
        tags,
        summary: 'Give the unit a new seal: import a .p12, or (empty body) issue one from the configured CA',
        params: idParamsSchema,
        body: sealRequestSchema,
        response: { 201: certificateInfoSchema, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const createdBy = principalOf(request).id;
      const unitId = request.params.id;
      const body = request.body;
      const info =
        'p12' in body
          ? await credentials.importSeal({ unitId, p12: body.p12, password: body.password, createdBy })
          : await credentials.issueSeal({ unitId, createdBy, replace: true });
      return reply.code(201).send(info);
    },
  );
}
