import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { agendaPlugin, meetingDocumentReader } from './agenda/index.ts';
import { authPlugin, authRoutes, createGuard, principalOf, unitUsersRoutes } from './auth/index.ts';
import type { Config } from './config.ts';
import type { Database } from './db/index.ts';
import { DocumentReaders, DocumentStore, documentRoutes } from './documents/index.ts';
import { AppError, problemPlugin } from './errors/index.ts';
import { createMetrics, healthRoutes, instrumentHttp, registerMediaMetrics } from './health/index.ts';
import { homeRoutes } from './home/index.ts';
import { docsPlugin, webAppPlugin } from './http/index.ts';
import { startMediaPlane, type MediaPlane } from './media/index.ts';
import { meetingRoutes } from './meetings/index.ts';
import { orgRoutes } from './org/index.ts';
import { devPkiRoutes, type DevAuthority } from './pki/index.ts';
import { realtimePlugin, SocketPusher } from './realtime/index.ts';
import { lazySigningPool } from './signing/index.ts';

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
  // Capabilities push to users and meeting audiences through this; realtime attaches socket.io.
  const pusher = new SocketPusher();

  // The signing engine's worker threads (PDF checks of uploads, later signatures), started on first use.
  const signingPool = lazySigningPool({ size: config.signingWorkers });
  app.addHook('onClose', async () => signingPool.close());
  const documents = await DocumentStore.open({
    db,
    dataDir: config.dataDir,
    maxBytes: config.documents.maxBytes,
    inspect: async (path) => (await signingPool.get()).inspectPdfFile(path),
  });
  // Who may read a stored document besides its unit subtree: capabilities add their rules here.
  const documentReaders = new DocumentReaders();
  documentReaders.add(meetingDocumentReader);

  await app.register(problemPlugin);
  await app.register(cookie);
  // Streamed uploads (documents); limits are set by the code that reads the parts, which also
  // decides what an oversized file means (documents/receive-upload.ts).
  await app.register(multipart, { throwFileSizeLimit: false });
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
  // org sits below auth, so auth's guard and principal are handed to it here.
  await app.register(orgRoutes, { db, guard, callerUnit: (request) => principalOf(request).unit });
  await app.register(unitUsersRoutes, { db, guard });
  await app.register(meetingRoutes, { db, guard });
  await app.register(homeRoutes, { db });
  await app.register(documentRoutes, { db, guard, store: documents, readers: documentReaders });
  await app.register(agendaPlugin, { db, store: documents, pusher });
  if (devAuthority) await app.register(devPkiRoutes, { authority: devAuthority });
  const media = await startMediaPlane(config.media, app.log);
  app.decorate('media', media);
  registerMediaMetrics(metrics.registry, () => media.load());
  app.addHook('onClose', async () => media.close());
  await app.register(realtimePlugin, { db, rooms: media.rooms, pusher });
  await app.register(webAppPlugin, { distDir: config.webDistDir });

  return app;
}
