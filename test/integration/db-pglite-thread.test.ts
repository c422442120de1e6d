// The embedded database runs on a thread of its own (src/db/pglite-thread.ts). On the event
// loop, PGlite ran each statement synchronously: a batch of signatures held the loop ~10 ms of
// CPU per document, and its results' garbage brought major collections (BENCHMARKS.md, batch
// signing). Over the thread, statements must still behave exactly as drizzle expects: order,
// transactions and their rollbacks, savepoints, SQLSTATE errors, durability.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../../src/db/index.ts';
import { PgliteThread } from '../../src/db/pglite-thread.ts';
import { isUniqueViolation } from '../../src/workflow/unique-violation.ts';

// PGlite's driver answers { rows }.
type Rows<T> = { rows: T[] };

describe('embedded database (PGlite) on its own thread', () => {
  let dir: string;
  let database: Database;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecabinet-pglite-thread-'));
    database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
    await database.db.execute(sql`create table if not exists kept (n int primary key)`);
  });
  afterAll(async () => {
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the event loop turning while a long statement runs', async () => {
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 2);
    const started = performance.now();
    try {
      await database.db.execute(sql`select count(*) from generate_series(1, 3000000)`);
    } finally {
      clearInterval(ticker);
    }
    const took = performance.now() - started;
    // On the loop's thread the timer could not run at all until the statement ended.
    expect(took).toBeGreaterThan(150);
    expect(longestGap).toBeLessThan(took / 3);
  });

  it('runs a callback queued between two statements of one transaction before the second', async () => {
    const order: string[] = [];
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      setImmediate(() => order.push('loop turn'));
      await tx.execute(sql`select 2`);
      order.push('second statement');
    });
    expect(order).toEqual(['loop turn', 'second statement']);
  });

  it('keeps concurrent transactions apart and their results intact', async () => {
    await database.db.execute(sql`create table if not exists turns (n int primary key)`);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into turns values (${i})`);
          await tx.execute(sql`update turns set n = n + 100 where n = ${i}`);
        }),
      ),
    );
    const { rows } = (await database.db.execute(sql`select n from turns order by n`)) as unknown as Rows<{ n: number }>;
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 100));
  });

  it('rolls a transaction back when its callback throws, and hands over SQLSTATE errors as the driver raised them', async () => {
    await database.db.execute(sql`insert into kept values (1)`);
    const failed = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into kept values (2)`);
        await tx.execute(sql`insert into kept values (1)`); // duplicate key
      })
      .catch((err: unknown) => err);
    expect(isUniqueViolation(failed)).toBe(true);
    const thrown = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into kept values (3)`);
        throw new Error('changed my mind');
      })
      .catch((err: unknown) => err);
    expect((thrown as Error).message).toBe('changed my mind');
    const { rows } = (await database.db.execute(sql`select n from kept order by n`)) as unknown as Rows<{ n: number }>;
    expect(rows.map((r) => r.n)).toEqual([1]);
  });

  it('rolls back to a savepoint (a nested transaction) and commits the rest', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into kept values (10)`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into kept values (11)`);
          throw new Error('inner only');
        })
        .catch(() => {});
      await tx.execute(sql`insert into kept values (12)`);
    });
    const { rows } = (await database.db.execute(sql`select n from kept where n >= 10 order by n`)) as unknown as Rows<{ n: number }>;
    expect(rows.map((r) => r.n)).toEqual([10, 12]);
  });

  it('refuses query options it cannot carry to the thread (a parser of its own) instead of ignoring them', async () => {
    const client = (database.db as unknown as { $client: { query(text: string, params?: unknown[], options?: object): Promise<unknown> } }).$client;
    await expect(client.query('select 1', [], { parsers: { 25: (v: string) => v.toUpperCase() } })).rejects.toThrow(/parsers of its own/);
  });

  it('keeps what was committed when the database is closed and opened again', async () => {
    await database.close();
    database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
    const { rows } = (await database.db.execute(sql`select n from kept order by n`)) as unknown as Rows<{ n: number }>;
    expect(rows.map((r) => r.n)).toEqual([1, 10, 12]);
  });
});

describe('embedded database (PGlite) when its thread dies', () => {
  it('fails what was in flight, opens the database again on a new thread and keeps what was committed', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecabinet-pglite-crash-'));
    // A small heap, and a result far larger than it: the thread dies of it, as of any fault.
    const thread = await PgliteThread.open(dir, { resourceLimits: { maxOldGenerationSizeMb: 96 } });
    try {
      await thread.query('create table kept (n int)');
      await thread.query('insert into kept values (1)');
      const dying = thread.transaction(async (tx) => {
        await tx.query('insert into kept values (2)');
        await tx.query(`select repeat('x', 1000) as s from generate_series(1, 300000)`);
      });
      await expect(dying).rejects.toThrow(/embedded database: its thread died/);

      // Refused, not left waiting, until the new thread has the database open; then served again.
      let answered: Results<{ n: number }> | undefined;
      const deadline = Date.now() + 30_000;
      while (!answered && Date.now() < deadline) {
        answered = await thread.query<{ n: number }>('select n from kept order by n').catch((err: Error) => {
          expect(err.message).toMatch(/embedded database: its thread died/);
          return new Promise<undefined>((r) => setTimeout(() => r(undefined), 100));
        });
      }
      expect(answered?.rows).toEqual([{ n: 1 }]); // the dead transaction's row is not there
      expect(thread.restarts).toBe(1);
      // Writes and transactions work on the new thread.
      await thread.transaction(async (tx) => void (await tx.query('insert into kept values (3)')));
      expect((await thread.query<{ n: number }>('select n from kept order by n')).rows).toEqual([{ n: 1 }, { n: 3 }]);
    } finally {
      await thread.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
