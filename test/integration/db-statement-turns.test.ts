// The embedded database runs each statement synchronously on the event loop. Without a turn of
// the loop between statements, a transaction (or a queue of requests' queries) held the loop for
// its whole length: 25–40 ms stalls while a batch of documents was signed (BENCHMARKS.md). A
// timer or socket message due between two statements must run before the second one.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.ts';

describe('embedded database (PGlite): the event loop turns between statements', () => {
  let dir: string;
  let database: Database;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecabinet-turns-'));
    database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  });
  afterAll(async () => {
    await database?.close();
    await rm(dir, { recursive: true, force: true });
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
    // PGlite's driver answers { rows }.
    const { rows } = (await database.db.execute(sql`select n from turns order by n`)) as unknown as { rows: Array<{ n: number }> };
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 100));
  });
});
