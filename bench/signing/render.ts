// Turns the measurements into the report: Markdown, which also reads well in a terminal.
import type { SignatureCheck } from './check-signatures.ts';
import type { LoopLag } from './loop-lag.ts';
import { machineLine, type Machine } from '../lib/machine.ts';
import type { BatchResult, ChainResult, ContenderName } from './scenarios.ts';
import { median, ms, percentile, slope, table } from '../lib/stats.ts';

export interface Results {
  machine: Machine;
  runs: number;
  poolSize: number;
  documentBytes: number;
  pages: number;
  checks: { ours: SignatureCheck; pool: SignatureCheck; reference: SignatureCheck };
  bb: Record<ContenderName, number[]>;
  chain: ChainResult;
  batchSize: number;
  idle: LoopLag;
  inProcess: BatchResult;
  pooled: BatchResult;
}

export const GOALS = { ratio: 0.5, p50Ms: 30, blockMs: 10 } as const;

const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
const valid = (c: SignatureCheck) =>
  `${c.validByCms}/${c.count} (our CMS check)${c.validByPdfsig === undefined ? '' : `, ${c.validByPdfsig}/${c.count} (pdfsig)`}`;

function bbTable(r: Results): string {
  const ref = median(r.bb.reference);
  const rows = (Object.keys(r.bb) as ContenderName[]).map((name) => {
    const t = r.bb[name];
    return [name, ms(median(t)), ms(percentile(t, 95)), ms(Math.min(...t)), (median(t) / ref).toFixed(2)];
  });
  return table(['contender', 'p50 ms', 'p95 ms', 'min ms', 'p50 / reference p50'], rows);
}

function lagRow(name: string, lag: LoopLag, count: number, ok: string): string[] {
  return [name, ms(lag.elapsed, 0), count ? ms((count / lag.elapsed) * 1000, 1) : '—', ms(lag.histogramMax), ms(lag.histogramP99), ms(lag.probeMax), ms(lag.busyMax), ok];
}

export function renderReport(r: Results): { terminal: string; markdown: string } {
  const ours = median(r.bb.ours);
  const pooled = median(r.bb['ours, pool']);
  const ratio = ours / median(r.bb.reference);
  const ratioPool = pooled / median(r.bb.reference);
  const { times, sizes, check } = r.chain;
  const growth = slope(times);
  const chainValid = check.validByCms === check.count && (check.validByPdfsig ?? check.count) === check.count && check.count === times.length;
  const block = r.pooled.lag.busyMax;
  const stall = Math.max(r.pooled.lag.histogramMax, r.pooled.lag.probeMax);
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;

  const markdown = `Measured on ${machineLine(r.machine)}.

**Method.** \`node bench/signing/run.ts\` builds a deterministic ${mib(r.documentBytes)}, ${r.pages}-page PDF
with pdf-lib (text plus one seeded-noise RGB image per page, classic xref table because
\`@signpdf/placeholder-plain\` cannot parse xref streams; cached under \`node_modules/.cache/\`),
creates a development PKI in a temporary directory and signs with its RSA-2048 personal key.
PAdES B-B, invisible signature. *ours*: \`signPdf\` in the calling thread (PKCS#12 opened once,
as the server keeps an unlocked Signer); *ours, pool*: \`createSigningPool({ size: ${r.poolSize} })\`
→ \`pool.signPdf\`, document steps in worker processes, the Signer on the main thread;
*reference*: \`@signpdf/placeholder-plain\` + \`@signpdf/signpdf\` + \`@signpdf/signer-p12\` 3.3.0
(node-forge; it must re-read the PKCS#12 for every signature). The three run interleaved in a
rotating order, 3 warm-up rounds not counted, a full garbage collection before each timed run.
Times are wall clock from input bytes to signed bytes. The event-loop figures come from
\`perf_hooks.monitorEventLoopDelay({ resolution: 1 })\` (its values include the 1 ms period) and a
\`setInterval\` 1 ms probe (lateness beyond the period), while ${r.batchSize} signatures of the same
file are started at once: in the event-loop thread from bytes to bytes, in the pool from the
file to ${r.batchSize} new files as the server signs (\`pool.signFile\`; the document's bytes stay in the
worker; a caller of \`pool.signPdf\` holds every signed copy in its own heap instead). The probe also reads the loop thread's own CPU time
(\`process.threadCpuUsage\`) over each interval: *busy* is the most CPU the loop thread spent
between two ticks, i.e. our code holding the loop; a stall longer than that is the thread
waiting for a core (on 2 vCPUs the signing worker, at nice 10, and V8's GC helper threads share
them), which more cores remove and no code change in the loop thread can.

### B-B signature of the ${mib(r.documentBytes)} file (${r.runs} runs each)

${bbTable(r)}

One output of each checked: ours ${valid(r.checks.ours)}; pool ${valid(r.checks.pool)};
reference ${r.checks.reference.validByPdfsig ?? 'n/a'}/${r.checks.reference.count} (pdfsig).

### ${times.length} successive signatures on one document

${table(
  ['signature', 'first', 'p50', 'p95', 'last', 'growth per signature', 'file after'],
  [[`1…${times.length}`, ms(times[0] ?? NaN), ms(median(times)), ms(percentile(times, 95)), ms(times.at(-1) ?? NaN), `${growth >= 0 ? '+' : ''}${ms(growth, 2)} ms`, mib(sizes.at(-1) ?? 0)]],
)}

ms per signature, in order: ${times.map((t) => ms(t)).join(', ')}.
All ${check.count} signatures of the final file valid: ${valid(check)}.

### Event loop while ${r.batchSize} signatures run at once

${table(
  ['run', 'wall ms', 'signatures/s', 'histogram max ms', 'histogram p99 ms', 'probe max lag ms', 'loop thread busy max ms', 'valid'],
  [
    lagRow('idle 1 s (noise floor)', r.idle, 0, '—'),
    lagRow('signPdf in the event-loop thread', r.inProcess.lag, r.batchSize, `${r.inProcess.valid}/${r.batchSize}`),
    lagRow(`pool, ${r.poolSize} worker(s), file to file`, r.pooled.lag, r.batchSize, `${r.pooled.valid}/${r.batchSize}`),
  ],
)}

### Goals

${table(
  ['goal', 'measured', 'met'],
  [
    [`ours ≤ ${GOALS.ratio} × reference (p50)`, `${ratio.toFixed(2)} in-thread, ${ratioPool.toFixed(2)} pool`, yes(ratio <= GOALS.ratio && ratioPool <= GOALS.ratio)],
    [`B-B p50 < ${GOALS.p50Ms} ms`, `${ms(ours)} ms in-thread, ${ms(pooled)} ms pool`, yes(ours < GOALS.p50Ms && pooled < GOALS.p50Ms)],
    [`event loop never blocked > ${GOALS.blockMs} ms (pool; loop thread busy)`, `${ms(block)} ms busy (longest stall ${ms(stall)} ms; idle floor ${ms(Math.max(r.idle.histogramMax, r.idle.probeMax))} ms)`, yes(block <= GOALS.blockMs)],
    [`${times.length} successive signatures valid, time flat`, `${check.validByCms}/${check.count} valid, ${growth >= 0 ? '+' : ''}${ms(growth, 2)} ms per signature`, yes(chainValid && growth < 0.5)],
  ],
)}`;
  return { terminal: `\n## Signing (bench/signing)\n\n${markdown}\n`, markdown };
}
