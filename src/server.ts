import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from './app.ts';
import type { Config } from './config.ts';
import { hasAnyUser } from './auth/index.ts';
import { migrate, openDatabase, type Database } from './db/index.ts';
import { loadServerKey } from './credentials/index.ts';
import { loadTrustAnchors, openDevAuthority } from './pki/index.ts';
import { seedDemo } from './seed/index.ts';
import { lowerHelperThreads } from './thread-priority.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  /**
   * Stops accepting, gives requests in flight DRAIN_MS to finish, cuts the connections still open
   * (a slow client must not hold a stopping server), then closes sockets and the database. Idempotent.
   */
  close(): Promise<void>;
}

/** How long requests in flight may take to finish once the server is stopping. */
export const DRAIN_MS = 3_000;

/**
 * Opens the database, applies migrations, seeds the demo, opens the development PKI when
 * configured, loads the signing key-encryption key and the trust anchors, listens, and leaves
 * the CPU to the event loop before the process's other threads (thread-priority.ts).
 */
/** `hooks`: what capabilities above others are told (tests observe them; app.ts has defaults). */
export async function startServer(config: Config, hooks: Pick<AppDeps, 'onFinalMinutes'> = {}): Promise<RunningServer> {
  const database = await openDatabase(config);
  let app: FastifyInstance | undefined;
  try {
    await migrate(database);
    if (config.seedDemo && !(await hasAnyUser(database.db))) {
      await seedDemo(database.db, { password: config.demoPassword });
    }
    const devAuthority = config.devPkiDir
      ? await openDevAuthority(config.devPkiDir, { crlUrl: `${config.publicUrl}/pki/issuing-ca.crl` })
      : undefined;
    const signingKey = await loadServerKey(config.signingKeyFile);
    const trustAnchorsPem = await loadTrustAnchors({ pems: devAuthority ? [devAuthority.rootPem] : [], file: config.trustAnchorsFile });
    app = await buildApp({ config, database, devAuthority, signingKey, trustAnchorsPem, ...hooks });
    await app.listen({ port: config.port, host: config.host });
    // By now V8's helpers and libuv's pool (started by the file reads above) exist.
    lowerHelperThreads(database.loopThreads);
  } catch (err) {
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
  const started = app;
  let closing: Promise<void> | undefined;
  // The database closes after the app, not in an onClose hook: Fastify runs those last-added
  // first, and the app's own hooks (the audit queue's flush) still write to the database.
  const close = async () => {
    try {
      await closeWithin(started, DRAIN_MS);
    } finally {
      await database.close();
    }
  };
  return { app: started, database, close: () => (closing ??= close()) };
}

// app.close() waits for every connection to end; one that never does (a request trickling in,
// headers never finished) would hold it until the request timeout. After the drain time, cut
// them: whoever is still sending would not be answered in time anyway.
async function closeWithin(app: FastifyInstance, drainMs: number): Promise<void> {
  const cut = setTimeout(() => {
    app.log.warn({ drainMs }, 'closing connections still open after the drain time');
    app.server.closeAllConnections();
  }, drainMs);
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}
