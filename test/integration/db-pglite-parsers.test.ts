// drizzle sends its parsers (dates, timestamps, intervals, numeric[] as text) with every query,
// and PGlite copied its whole parser map for each result: ~120 KB of garbage per statement,
// which forced major collections of the main heap while a batch was signed (BENCHMARKS.md).
// The parsers are installed once now, on the database's own thread (pglite-thread.ts); results
// must read exactly as drizzle expects, and the event loop's heap sees only the answers.
import { mkdtemp, rm } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.ts';

const TYPED = sql`select '2026-12-07 10:00:00+00'::timestamptz as tz, '2026-12-07 10:00:00'::timestamp as ts, '2026-12-07'::date as d,
  '1 day'::interval as i, '{1.50}'::numeric[] as n, array['2026-12-07'::date] as ds, 42::int as k, true as b`;

describe('embedded database (PGlite): drizzle parsers installed once', () => {
  let dir: string;
  let database: Database;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecabinet-parsers-'));
    database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  });
  afterAll(async () => {
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const expected = { tz: '2026-12-07 10:00:00+00', ts: '2026-12-07 10:00:00', d: '2026-12-07', i: '1 day', n: '{1.50}', ds: '{2026-12-07}', k: 42, b: true };

  it('reads dates, intervals and numeric arrays as text and other types parsed, on the client and in a transaction', async () => {
    // PGlite's driver answers { rows }.
    const direct = (await database.db.execute(TYPED)) as unknown as { rows: unknown[] };
    expect(direct.rows[0]).toEqual(expected);
    const inTx = await database.db.transaction(async (tx) => (await tx.execute(TYPED)) as unknown as { rows: unknown[] });
    expect(inTx.rows[0]).toEqual(expected);
  });

  it('allocates about a dozen kB per statement on the event loop’s heap: the answer, not PGlite’s work nor a copy of every parser', async () => {
    const select = () => database.db.execute(sql`select ${1}::int as k, now() as at`);
    for (let i = 0; i < 50; i++) await select(); // compiled and warm
    const perStatement = async (run: () => Promise<unknown>) => {
      const session = new Session();
      session.connect();
      try {
        await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
        const n = 300;
        for (let i = 0; i < n; i++) await run();
        const { profile } = await session.post('HeapProfiler.stopSampling');
        return totalSize(profile.head) / n;
      } finally {
        session.disconnect();
      }
    };
    // Measured: ~155 kB per statement with the per-query copy, ~54 kB without it while PGlite ran
    // on the loop's thread, ~12 kB with PGlite on its own.
    const statement = await perStatement(select);
    const transaction = await perStatement(() => database.db.transaction((tx) => tx.execute(sql`select ${1}::int as k, now() as at`)));
    expect(statement).toBeLessThan(25_000);
    expect(transaction).toBeLessThan(3 * 25_000);
  });
});

interface SamplingNode {
  selfSize: number;
  children: SamplingNode[];
}

function totalSize(node: SamplingNode): number {
  return node.children.reduce((sum, child) => sum + totalSize(child), node.selfSize);
}
