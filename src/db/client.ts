import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataDir } from './data-dir-lock.ts';
import { installParsersOnce } from './pglite-parsers.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The one database type features see, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: services accept either so callers can compose them. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
}

/**
 * Embedded PGlite in DATA_DIR unless DATABASE_URL names a Postgres server. The embedded database
 * takes DATA_DIR's lock first, so a second process fails here, before it writes anything; a
 * Postgres server is its own arbiter between processes.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const client = postgres(opts.databaseUrl, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    return {
      db,
      kind: 'postgres',
      ping: async () => void (await db.execute(sql`select 1`)),
      close: once(() => client.end({ timeout: 5 })),
    };
  }
  const lock = lockDataDir(opts.dataDir);
  let client: PGlite;
  try {
    const dir = join(opts.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    client = await PGlite.create(dir);
  } catch (err) {
    lock.release();
    throw err;
  }
  yieldBetweenStatements(client);
  installParsersOnce(client);
  const db = drizzlePglite(client, { schema });
  return {
    db,
    kind: 'pglite',
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

/**
 * PGlite runs each protocol message synchronously on this thread and resolves through
 * microtasks, so the statements of a transaction (or of concurrent requests) ran back to back
 * as one stall of the event loop: 25–40 ms while a batch was signed. Giving the loop one turn
 * before each message bounds a stall to one statement; other queries still wait on PGlite's
 * own lock, so the order and atomicity of statements are unchanged.
 */
function yieldBetweenStatements(client: PGlite): void {
  const execute = client.execProtocolStream.bind(client);
  client.execProtocolStream = async (...args) => {
    // A statement is several protocol messages (Parse, Bind, Describe, Execute, Sync); one turn
    // before each statement (Parse, or a simple Query) is enough and costs a sixth as much.
    const type = args[0][0];
    if (type === PARSE || type === QUERY) await setImmediate();
    return execute(...args);
  };
}

/** Frontend message types (PostgreSQL protocol §55.7): Parse 'P', Query 'Q'. */
const PARSE = 0x50;
const QUERY = 0x51;

// Shutdown paths (signal handler, app onClose, tests) may each close the database.
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
