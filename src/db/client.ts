import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataDir } from './data-dir-lock.ts';
import { PgliteThread } from './pglite-thread.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The one database type features see, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: services accept either so callers can compose them. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * Threads of this process that answer requests as the event loop does (the embedded
   * database's, pglite-thread.ts), by Linux thread id: they keep the loop's priority.
   */
  loopThreads: number[];
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
}

/**
 * Embedded PGlite in DATA_DIR, on a thread of its own, unless DATABASE_URL names a Postgres
 * server. The embedded database takes DATA_DIR's lock first, so a second process fails here,
 * before it writes anything; a Postgres server is its own arbiter between processes.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const client = postgres(opts.databaseUrl, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    return {
      db,
      kind: 'postgres',
      loopThreads: [],
      ping: async () => void (await db.execute(sql`select 1`)),
      close: once(() => client.end({ timeout: 5 })),
    };
  }
  const lock = lockDataDir(opts.dataDir);
  let client: PgliteThread;
  try {
    const dir = join(opts.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    client = await PgliteThread.open(dir);
  } catch (err) {
    lock.release();
    throw err;
  }
  const db = drizzlePglite(client.asPGlite(), { schema });
  return {
    db,
    kind: 'pglite',
    loopThreads: client.osThreadId === undefined ? [] : [client.osThreadId],
    ping: async () => void (await db.execute(sql`select 1`)),
    close: once(async () => {
      try {
        await client.close();
      } finally {
        lock.release();
      }
    }),
  };
}

// Shutdown paths (signal handler, app onClose, tests) may each close the database.
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
