import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { hasAnyUser } from './auth/index.ts';
import { migrate, openDatabase, type Database } from './db/index.ts';
import { openDevAuthority } from './pki/index.ts';
import { seedDemo } from './seed/index.ts';

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
 * Opens the database, applies migrations, seeds the demo and opens the development PKI when
 * configured, and listens.
 */
export async function startServer(config: Config): Promise<RunningServer> {
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
    app = await buildApp({ config, database, devAuthority });
    app.addHook('onClose', async () => database.close());
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
  const started = app;
  let closing: Promise<void> | undefined;
  return { app: started, database, close: () => (closing ??= closeWithin(started, DRAIN_MS)) };
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
