import type { FastifyInstance } from 'fastify';
import type { Guard } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { adminSigningRoutes } from './admin-routes.ts';
import type { Credentials } from './credentials-service.ts';
import { meSigningRoutes } from './me-routes.ts';

export async function credentialRoutes(app: FastifyInstance, opts: { db: Db; guard: Guard; credentials: Credentials }): Promise<void> {
  await app.register(meSigningRoutes, { credentials: opts.credentials });
  await app.register(adminSigningRoutes, opts);
}
