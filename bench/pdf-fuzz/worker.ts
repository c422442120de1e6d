// One fuzz worker: applies each case's mutations to the base files it was given and runs the
// case (test/helpers/pdf-fuzz.ts). A worker that overruns the per-case bound is terminated by
// run.ts, which counts a hang and starts a fresh one.
import { parentPort, workerData } from 'node:worker_threads';
import { loadPkcs12Signer } from '../../src/signing/signers/index.ts';
import { apply, runCase, type CaseDeps, type FuzzCase } from '../../test/helpers/pdf-fuzz.ts';

export interface WorkerInit {
  bases: Uint8Array[];
  p12: Uint8Array;
  pin: string;
  anchor: Uint8Array;
  now: string;
}

export type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; outcome: Awaited<ReturnType<typeof runCase>>; size: number };

const init = workerData as WorkerInit;
console.warn = () => {}; // pdf-lib warns about numbers too large for some readers
const now = new Date(init.now);
const deps: CaseDeps = { signer: await loadPkcs12Signer(init.p12, init.pin, { now }), anchors: [init.anchor], now };
const port = parentPort;
if (!port) throw new Error('bench/pdf-fuzz/worker.ts runs as a worker thread');
port.on('message', async ({ id, c }: { id: number; c: FuzzCase }) => {
  const input = apply(init.bases, c);
  const outcome = await runCase(input, deps);
  port.postMessage({ type: 'done', id, outcome, size: input.length } satisfies WorkerMessage);
});
port.postMessage({ type: 'ready' } satisfies WorkerMessage);
