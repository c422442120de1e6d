// PDF fuzz campaign (not a test): node bench/pdf-fuzz/run.ts [--cases 10000] [--seed 24301]
// [--per-case-ms 10000] [--workers 1]. fast-check draws the cases (test/helpers/pdf-fuzz.ts:
// a base file and up to three mutations); worker threads run them through open, verify, sign
// and verify-of-the-output. Counts what must be zero — crashes (any exception other than a
// SigningError), hangs (a case past --per-case-ms; its worker is terminated), files `sign`
// wrote that `verify` rejects — and prints them with the outcome mix and timings. The unit
// suite runs a fixed-seed slice of the same cases (test/unit/signing-pdf-fuzz.test.ts).
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { fuzzBases, fuzzCase, type CaseOutcome, type FuzzCase } from '../../test/helpers/pdf-fuzz.ts';
import { FIXED_NOW, PIN, p12Of, pkiFile, signerOf } from '../../test/helpers/signing-pki.ts';
import { describeMachine, machineLine } from '../lib/machine.ts';
import type { WorkerInit, WorkerMessage } from './worker.ts';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    seed: { type: 'string', default: String(0x5eed) },
    'per-case-ms': { type: 'string', default: '10000' },
    workers: { type: 'string', default: '1' },
  },
});
const int = (name: string, v: string | undefined, min: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return n;
};
const total = int('cases', args.cases, 1);
const seed = int('seed', args.seed, 0);
const bound = int('per-case-ms', args['per-case-ms'], 100);
const workers = int('workers', args.workers, 1);
const log = (s: string) => process.stderr.write(`${s}\n`);

const machine = describeMachine();
log(`building base files and drawing ${total} cases (seed ${seed})…`);
const bases = await fuzzBases(await signerOf('person:city.leader'));
const cases: FuzzCase[] = fc.sample(fuzzCase(bases.length), { seed, numRuns: total });
const init: WorkerInit = { bases, p12: await p12Of('test:ecdsa-p256'), pin: PIN, anchor: await pkiFile('root-ca.cer'), now: FIXED_NOW.toISOString() };

interface Failure {
  index: number;
  c: FuzzCase;
  what: string;
}
const outcomes: (CaseOutcome & { size: number })[] = [];
const crashes: Failure[] = [];
const rejected: Failure[] = [];
const hangs: Failure[] = [];
let next = 0;
const started = performance.now();

/** One lane: a worker taking cases one at a time, replaced when a case overruns the bound. */
async function lane(): Promise<void> {
  let worker: Worker | undefined;
  const spawn = () =>
    new Promise<Worker>((resolve, reject) => {
      const w = new Worker(new URL('./worker.ts', import.meta.url), { workerData: init });
      w.once('message', (m: WorkerMessage) => (m.type === 'ready' ? resolve(w) : reject(new Error('worker did not start'))));
      w.once('error', reject);
    });
  for (;;) {
    const index = next++;
    if (index >= cases.length) break;
    worker ??= await spawn();
    const w = worker;
    const c = cases[index] as FuzzCase;
    const result = await new Promise<(CaseOutcome & { size: number }) | 'hang' | Error>((resolve) => {
      const timer = setTimeout(() => resolve('hang'), bound);
      const onMessage = (m: WorkerMessage) => {
        if (m.type !== 'done' || m.id !== index) return;
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        resolve({ ...m.outcome, size: m.size });
      };
      const onError = (err: Error) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        resolve(err);
      };
      w.on('message', onMessage);
      w.once('error', onError);
      w.postMessage({ id: index, c });
    });
    if (result === 'hang' || result instanceof Error) {
      if (result === 'hang') hangs.push({ index, c, what: `over ${bound} ms` });
      else crashes.push({ index, c, what: `worker died: ${result.message}` });
      await w.terminate();
      worker = undefined;
      continue;
    }
    outcomes.push(result);
    if (result.crash) crashes.push({ index, c, what: result.crash });
    if (result.signRejected) rejected.push({ index, c, what: result.signRejected });
    const done = outcomes.length + hangs.length;
    if (done % 500 === 0) log(`${done}/${total} (${((performance.now() - started) / 1000).toFixed(0)} s): ${crashes.length} crashes, ${hangs.length} hangs, ${rejected.length} rejected`);
  }
  await worker?.terminate();
}

await Promise.all(Array.from({ length: workers }, () => lane()));
const seconds = (performance.now() - started) / 1000;

const tally = (pick: (o: CaseOutcome) => string) => {
  const m = new Map<string, number>();
  for (const o of outcomes) m.set(pick(o), (m.get(pick(o)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
};
const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
const pct = (p: number) => (ms.length ? (ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] as number).toFixed(1) : '—');
const sizes = outcomes.map((o) => o.size).sort((a, b) => a - b);

console.log(`## PDF fuzz (bench/pdf-fuzz)

Measured on ${machineLine(machine)}.

**Method.** \`node bench/pdf-fuzz/run.ts --cases ${total} --seed ${seed}\`: fast-check draws each case (a base file of
${bases.length} — pdf-lib output with a classic table and with object streams, both signed twice, a certified form, a
hand-written hybrid-reference file, a file with an update, a cross-reference-stream file — and one to three mutations:
byte damage aimed half the time at the last 600 bytes, spliced PDF keywords, nesting up to 300,000 deep, incremental updates
that redefine or free objects). ${workers} worker thread(s) run each input through the strict reader (\`openPdf\`), \`verifyPdf\`,
\`signPdf\` (ECDSA P-256) and \`verifyPdf\` on what \`signPdf\` wrote; a case past ${bound} ms is a hang (its worker is terminated).

| cases | crashes | hangs | sign output rejected by verify | wall time | inputs (median size) |
| ----- | ------- | ----- | ------------------------------ | --------- | -------------------- |
| ${total} | ${crashes.length} | ${hangs.length} | ${rejected.length} | ${seconds.toFixed(0)} s | ${sizes[Math.floor(sizes.length / 2)] ?? 0} bytes |

| per case (open + verify + sign + verify) | p50 | p95 | p99 | max |
| ---------------------------------------- | --- | --- | --- | --- |
| ms | ${pct(50)} | ${pct(95)} | ${pct(99)} | ${pct(100)} |

Outcomes: reader ${tally((o) => o.read)}; verify of the input ${tally((o) => o.verify)}; sign ${tally((o) => o.sign)}.
`);
for (const [name, list] of [['crash', crashes], ['hang', hangs], ['sign output rejected', rejected]] as const) {
  for (const f of list.slice(0, 10)) console.log(`- ${name} #${f.index}: ${JSON.stringify(f.c)}\n  ${f.what.replace(/\n/g, '\n  ')}`);
}
process.exit(crashes.length + hangs.length + rejected.length === 0 ? 0 : 1);
