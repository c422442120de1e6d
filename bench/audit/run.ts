// Audit append benchmark (not a test): node bench/audit/run.ts [--appends 1000] [--writers 1,50]
// [--database-url postgres://…] [--wait-quiet 300] [--dry-run]. Appends/s and latency of the hash-chained append
// with 1 and 50 concurrent writers, beside a plain insert of the same row without the chain, on
// embedded PGlite and (with --database-url, a scratch database made there) on Postgres; then the
// time to verify the whole chain and the bytes one event takes. Rewrites the "Audit append
// (bench/audit)" section of BENCHMARKS.md unless --dry-run. See bench/README.md.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { verifyChain } from '../../src/audit/index.ts';
import { createUser } from '../../src/auth/index.ts';
import { migrate, openDatabase, type Database } from '../../src/db/index.ts';
import { insertUnits, newUnit, upsertUnitLevels } from '../../src/org/index.ts';
import { describeMachine } from '../lib/machine.ts';
import { waitForQuiet } from '../lib/measure.ts';
import { writeSection } from '../lib/report.ts';
import { chainAppend, createReferenceTable, referenceAppend, runLoad, type LoadResult } from './appenders.ts';
import { renderReport, type KindResult } from './render.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    appends: { type: 'string', default: '1000' },
    writers: { type: 'string', default: '1,50' },
    'database-url': { type: 'string' },
    'wait-quiet': { type: 'string', default: '300' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const appends = Number(args.appends);
if (!Number.isInteger(appends) || appends < 10) throw new Error('--appends must be an integer ≥ 10');
const writerCounts = (args.writers ?? '').split(',').map(Number);
if (!writerCounts.every((w) => Number.isInteger(w) && w >= 1)) throw new Error('--writers must be a list of integers ≥ 1');
const log = (s: string) => process.stderr.write(`${s}\n`);
const machine = describeMachine();

/** A fresh database of this kind, migrated, with one unit and one account to act as. */
async function freshDatabase(serverUrl: string | undefined): Promise<{ database: Database; drop: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ecabinet-bench-audit-'));
  let url: string | undefined;
  let dropDb = async () => {};
  if (serverUrl) {
    const name = `ecabinet_bench_${randomBytes(4).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDb = async () => {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  const database = await openDatabase({ databaseUrl: url, dataDir });
  await migrate(database);
  return {
    database,
    drop: async () => {
      await database.close();
      await dropDb();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function benchKind(kind: 'pglite' | 'postgres', serverUrl: string | undefined): Promise<KindResult> {
  const { database, drop } = await freshDatabase(serverUrl);
  try {
    const { db } = database;
    await upsertUnitLevels(db, [{ code: 'city', name: 'Thành phố', nameEn: 'City', rank: 0 }]);
    const unit = newUnit({ code: 'HN', name: 'UBND Thành phố Hà Nội', level: 'city' });
    await insertUnits(db, [unit]);
    const user = await createUser(db, { unitId: unit.id, username: 'bench.actor', fullName: 'Người thử', roles: ['member'], password: 'unused' });
    const actor = { userId: user.id, unitId: unit.id };
    await createReferenceTable(db);
    const chain = chainAppend(db, actor);
    const reference = referenceAppend(db, actor);
    let n = 0;
    log(`${kind}: warming up…`);
    await runLoad(chain, 1, 50, (n += 50));
    await runLoad(reference, 1, 50, (n += 50));

    const loads: KindResult['loads'] = [];
    for (const writers of writerCounts) {
      // Two rounds each, the order alternating, half the appends per round.
      const half = Math.ceil(appends / 2);
      const runs: { chain: LoadResult[]; reference: LoadResult[] } = { chain: [], reference: [] };
      for (const round of [0, 1]) {
        for (const which of round === 0 ? (['chain', 'reference'] as const) : (['reference', 'chain'] as const)) {
          log(`${kind}: ${writers} writer(s), ${which}, round ${round + 1}…`);
          runs[which].push(await runLoad(which === 'chain' ? chain : reference, writers, half, (n += half)));
        }
      }
      loads.push({ writers, chain: merge(runs.chain), reference: merge(runs.reference) });
    }

    log(`${kind}: verifying the chain…`);
    const t0 = performance.now();
    const report = await verifyChain(db);
    const verifyMs = performance.now() - t0;
    const size = async (table: string) => {
      const result: unknown = await db.execute(sql.raw(`select pg_total_relation_size('${table}')::float8 as bytes, (select count(*) from ${table})::float8 as n`));
      // postgres.js answers the rows themselves, PGlite an object holding them.
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { bytes: number; n: number }[];
      return rows[0];
    };
    const chainSize = await size('audit_events');
    const refSize = await size('bench_plain_events');
    return {
      kind,
      loads,
      verify: { events: report.checked, ms: verifyMs, ok: report.ok },
      bytesPerEvent: { chain: Number(chainSize?.bytes) / Number(chainSize?.n), reference: Number(refSize?.bytes) / Number(refSize?.n) },
    };
  } finally {
    await drop();
  }
}

function merge(results: LoadResult[]): LoadResult {
  return {
    writers: results[0]?.writers ?? 0,
    appends: results.reduce((a, r) => a + r.appends, 0),
    wallMs: results.reduce((a, r) => a + r.wallMs, 0),
    latencies: results.flatMap((r) => r.latencies),
  };
}

// Other work on a shared machine competes for the CPUs (and the disk) every figure depends on.
const busyAtStart = await waitForQuiet({ maxBusyPercent: 20, timeoutSeconds: Number(args['wait-quiet']), probeSeconds: 3, log });
const kinds: KindResult[] = [await benchKind('pglite', undefined)];
if (args['database-url']) kinds.push(await benchKind('postgres', args['database-url']));
const { terminal, markdown } = renderReport({ machine, busyAtStart, appends, kinds });
process.stdout.write(`${terminal}\n`);
if (!args['dry-run']) {
  await writeSection(join(ROOT, 'BENCHMARKS.md'), 'Audit append (bench/audit)', markdown);
  log('BENCHMARKS.md updated.');
}
