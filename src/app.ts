import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { agendaForVotes, agendaPlugin, meetingDocumentReader } from './agenda/index.ts';
import { attendanceRoutes } from './attendance/index.ts';
import { AuditRecorder, auditRoutes } from './audit/index.ts';
import { adminUsersRoutes, authPlugin, authRoutes, createGuard, principalOf, unitUsersRoutes } from './auth/index.ts';
import type { Config } from './config.ts';
import { createCredentials, credentialRoutes, type Credentials } from './credentials/index.ts';
import type { Database } from './db/index.ts';
import { DocumentDetailExtensions, DocumentReaders, DocumentStore, documentRoutes } from './documents/index.ts';
import { AppError, problemClientErrors, problemFrameworkErrors, problemPlugin } from './errors/index.ts';
import { createMetrics, healthRoutes, instrumentHttp, registerMediaMetrics } from './health/index.ts';
import { homeRoutes } from './home/index.ts';
import { docsPlugin, drainingPlugin, RouteMethods, securityHeadersPlugin, webAppPlugin } from './http/index.ts';
import { startMediaPlane, type MediaPlane } from './media/index.ts';
import { MeetingLifecycle, meetingRoutes } from './meetings/index.ts';
import { minutesPlugin, type OnFinalMinutes } from './minutes/index.ts';
import { createNotifier, notificationRoutes } from './notifications/index.ts';
import { orgRoutes } from './org/index.ts';
import { devPkiRoutes, trustAnchorRoutes, type DevAuthority } from './pki/index.ts';
import { meetingRooms, realtimePlugin, SocketConnections, SocketPusher } from './realtime/index.ts';
import { lazySigningPool } from './signing/index.ts';
import { routeClosedMinutes, routeDetailExtension, routeDocumentReader, workflowPlugin } from './workflow/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's media plane (workers and rooms), for tests that look inside. */
    media: MediaPlane;
    /** Key custody (the service the signing workflow calls), for tests that look inside. */
    credentials: Credentials;
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  /** The development PKI's CA, CRL and TSA, published when configured. */
  devAuthority?: DevAuthority;
  /** The key-encryption key for signing keys, from outside the database (SIGNING_KEY_FILE). */
  signingKey: Uint8Array;
  /** PEM of the root certificates relying parties should trust. */
  trustAnchorsPem: string;
  /** Also told when a closed meeting's minutes are stored, after the workflow routed them (tests observe it). */
  onFinalMinutes?: OnFinalMinutes;
}

/** Wires the capabilities into one Fastify instance. No logic lives here. */
export async function buildApp({ config, database, devAuthority, signingKey, trustAnchorsPem, onFinalMinutes }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // The whole request must arrive within this (a problem+json answer says so otherwise). Long
    // enough for the largest upload at 64 kB/s — a tablet on a weak commune-hall link — and never
    // under 30 s.
    requestTimeout: Math.max(30_000, Math.ceil(config.documents.maxBytes / 64)),
    // Errors met before any route runs answer problem+json like every other.
    frameworkErrors: problemFrameworkErrors,
    clientErrorHandler: problemClientErrors,
    // drainingPlugin answers requests that arrive while stopping, as problem+json.
    return503OnClosing: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const { db } = database;
  const metrics = createMetrics();
  const guard = createGuard(db);
  // Capabilities push to users and meeting audiences through this; realtime attaches socket.io.
  const pusher = new SocketPusher();
  // Auth ends sessions' live connections through this; realtime attaches socket.io.
  const connections = new SocketConnections();
  // Audit events of facts without a transaction (joins, leaves, views) go through this queue;
  // closing waits for it before the database closes (server.ts closes it after the app).
  const audit = AuditRecorder.forDatabase(db, app.log);
  app.addHook('onClose', async () => audit.flush());

  // The signing engine's worker processes (PDF checks of uploads, signatures), started on first use.
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
  documentReaders.add(routeDocumentReader);
  // What other capabilities add to a document's detail: its signing route.
  const documentExtensions = new DocumentDetailExtensions();
  documentExtensions.add(routeDetailExtension());

  const routeMethods = new RouteMethods();
  routeMethods.listen(app);
  await app.register(problemPlugin);
  await app.register(drainingPlugin);
  await app.register(securityHeadersPlugin, { publicUrl: config.publicUrl });
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

  await app.register(healthRoutes, { ping: database.ping, metrics, metricsToken: config.metricsToken, production: config.env === 'production' });
  await app.register(authRoutes, { db, config, connections });
  await app.register(adminUsersRoutes, { db, guard, connections });
  // org sits below auth, so auth's guard and principal are handed to it here.
  await app.register(orgRoutes, { db, guard, callerUnit: (request) => principalOf(request).unit });
  await app.register(unitUsersRoutes, { db, guard });
  await app.register(auditRoutes, { db, guard, callerUnit: (request) => principalOf(request).unit });
  await app.register(attendanceRoutes, { db });
  await app.register(documentRoutes, { db, guard, store: documents, readers: documentReaders, extensions: documentExtensions });
  await app.register(agendaPlugin, { db, store: documents, pusher });
  // Before the routes: ending a meeting closes its media room.
  const media = await startMediaPlane(config.media, app.log);
  app.decorate('media', media);
  registerMediaMetrics(metrics.registry, () => media.load());
  app.addHook('onClose', async () => media.close());
  const notifier = createNotifier(db, pusher);
  // Ending and closing a meeting tell the capabilities above it (the minutes).
  const lifecycle = new MeetingLifecycle();
  await app.register(meetingRoutes, { db, guard, notifier, lifecycle, rooms: meetingRooms({ rooms: media.rooms, db, pusher }) });
  // A closed meeting's final minutes are routed chair → secretary (issue 11.8); then the caller's hook, if any.
  const routeMinutes = routeClosedMinutes(db, notifier);
  await app.register(minutesPlugin, {
    db,
    store: documents,
    readers: documentReaders,
    notifier,
    lifecycle,
    onFinalMinutes: async (minutes) => {
      await routeMinutes(minutes);
      await onFinalMinutes?.(minutes);
    },
  });
  await app.register(notificationRoutes, { db, pusher });
  await app.register(homeRoutes, { db });
  if (devAuthority) await app.register(devPkiRoutes, { authority: devAuthority });
  await app.register(trustAnchorRoutes, { pem: trustAnchorsPem });
  const credentials = createCredentials({ db, serverKey: signingKey, issuer: devAuthority?.issuer, pusher });
  app.decorate('credentials', credentials);
  await app.register(credentialRoutes, { db, guard, credentials });
  await app.register(workflowPlugin, {
    db,
    store: documents,
    readers: documentReaders,
    credentials,
    pool: signingPool,
    notifier,
    pusher,
    trustAnchorsPem,
    batchConcurrency: config.signingWorkers + 4,
    reminderIntervalMs: config.workflow.reminderIntervalMs,
    testStoreDelayMs: config.workflow.testStoreDelayMs,
  });
  await app.register(realtimePlugin, { db, rooms: media.rooms, pusher, audit, connections, publicUrl: config.publicUrl, agenda: agendaForVotes(db) });
  await app.register(webAppPlugin, { distDir: config.webDistDir, routeMethods });

  return app;
}
