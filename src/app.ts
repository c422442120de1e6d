import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { authPlugin } from './auth/plugin.ts';
import { createGuard } from './auth/guard.ts';
import { authRoutes } from './auth/routes.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { AppError } from './errors/app-error.ts';
import { problemPlugin } from './errors/plugin.ts';
import { healthRoutes } from './health/routes.ts';
import { createMetrics, instrumentHttp } from './health/metrics.ts';
import { homeRoutes } from './home/routes.ts';
import { docsPlugin } from './http/docs.ts';
import { webAppPlugin } from './http/web-app.ts';
import { meetingRoutes } from './meetings/routes.ts';
import { orgRoutes } from './org/routes.ts';
import { registerMediaMetrics } from './health/media-metrics.ts';
import { startMediaPlane, type MediaPlane } from './media/index.ts';
import { realtimePlugin } from './realtime/socket-server.ts';
import type { DevAuthority } from './pki/dev-authority.ts';
import { devPkiRoutes } from './pki/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's media plane (workers and rooms), for tests that look inside. */
    media: MediaPlane;
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  /** The development PKI's CA, CRL and TSA, published when configured. */
  devAuthority?: DevAuthority;
}

/** Wires the capabilities into one Fastify instance. No logic lives here. */
export async function buildApp({ config, database, devAuthority }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Tell the client why, not just that, a request took too long.
    requestTimeout: 30_000,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const { db } = database;
  const metrics = createMetrics();
  const guard = createGuard(db);

  await app.register(problemPlugin);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // After body parsing so the login limit can key on the username.
    hook: 'preHandler',
    errorResponseBuilder: (_req, ctx) =>
      new AppError('rate_limited', { params: { seconds: Math.ceil(ctx.ttl / 1000) } }),
  });
  await app.register(authPlugin, { db });
  await app.register(docsPlugin);
  instrumentHttp(app, metrics);

  await app.register(healthRoutes, { ping: database.ping, metrics, metricsToken: config.metricsToken });
  await app.register(authRoutes, { db, config });
  await app.register(orgRoutes, { db, guard });
  await app.register(meetingRoutes, { db, guard });
  await app.register(homeRoutes, { db });
  if (devAuthority) await app.register(devPkiRoutes, { authority: devAuthority });
  const media = await startMediaPlane(config.media, app.log);
  app.decorate('media', media);
  registerMediaMetrics(metrics.registry, () => media.load());
  app.addHook('onClose', async () => media.close());
  await app.register(realtimePlugin, { db, rooms: media.rooms });
  await app.register(webAppPlugin, { distDir: config.webDistDir });

  return app;
}
