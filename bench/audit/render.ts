// The audit benchmark's report: Markdown, which also reads well in a terminal.
import { machineLine, type Machine } from '../lib/machine.ts';
import { ms, percentile, table } from '../lib/stats.ts';
import type { LoadResult } from './appenders.ts';

export interface KindResult {
  kind: 'pglite' | 'postgres';
  loads: { writers: number; chain: LoadResult; reference: LoadResult }[];
  verify: { events: number; ms: number; ok: boolean };
  bytesPerEvent: { chain: number; reference: number };
}

export interface Results {
  machine: Machine;
  /** % of all CPUs other work used just before the run. */
  busyAtStart: number;
  appends: number;
  kinds: KindResult[];
}

const rate = (r: LoadResult) => (r.appends / r.wallMs) * 1000;

function loadRow(kind: string, writers: number, name: string, r: LoadResult, ref: LoadResult): string[] {
  return [
    kind,
    String(writers),
    name,
    rate(r).toFixed(0),
    ms(percentile(r.latencies, 50), 2),
    ms(percentile(r.latencies, 95), 2),
    ms(percentile(r.latencies, 99), 2),
    ms(Math.max(...r.latencies), 1),
    (rate(r) / rate(ref)).toFixed(2),
  ];
}

export function renderReport(r: Results): { terminal: string; markdown: string } {
  const rows = r.kinds.flatMap((k) =>
    k.loads.flatMap((l) => [loadRow(k.kind, l.writers, 'chain', l.chain, l.reference), loadRow(k.kind, l.writers, 'reference', l.reference, l.reference)]),
  );
  const loads = table(['database', 'writers', 'contender', 'appends/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'appends/s ÷ reference'], rows);
  const verify = table(
    ['database', 'events verified', 'ms', 'events/s', 'intact', 'bytes per event (chain)', 'bytes per event (reference)'],
    r.kinds.map((k) => [
      k.kind,
      String(k.verify.events),
      ms(k.verify.ms, 0),
      ((k.verify.events / k.verify.ms) * 1000).toFixed(0),
      k.verify.ok ? 'yes' : '**no**',
      k.bytesPerEvent.chain.toFixed(0),
      k.bytesPerEvent.reference.toFixed(0),
    ]),
  );
  const markdown = `Measured on ${machineLine(r.machine)}; other work used ${r.busyAtStart.toFixed(0)}% of the CPUs just before the run.

**Method.** \`node bench/audit/run.ts\` makes a fresh database of each kind (embedded PGlite in a
temporary directory; with \`--database-url\`, a scratch database on that Postgres server through
the server's own pool of 10 connections), migrates it and adds one unit and one account to act
as. *chain*: \`recordEvent\` in its own transaction (\`db.transaction\`), as the fire-and-forget
recorder and every caller do: lock the chain head row, hash, insert the event, move the head,
commit. *reference*: the same event's JSON and a SHA-256 into a table with the same columns,
indexes and foreign keys, \`seq\` from a sequence, in its own transaction — everything but the
chain's lock and head update. ${r.appends} appends per contender and writer count, in two
rounds of half each with the order alternating, after 50 warm-up appends each; *writers*
concurrent loops share them. Latency is each append from its start to its commit, including
the wait for a pooled connection and for the head lock. PGlite runs one transaction at a time
whatever the writers; on Postgres the head lock makes chain appends take turns across
connections (and would across nodes). Then \`verifyChain\` walks the whole chain (pages of
1,000), and \`pg_total_relation_size\` (table, indexes, TOAST) divided by the rows gives the
bytes per event.

### Appends

${loads}

### Verification and size

${verify}`;
  return { terminal: markdown, markdown };
}
