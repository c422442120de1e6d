// A signing pool worker: runs the CPU-bound document steps (parse, incremental write, SHA-256
// of the byte ranges, the DSS update) off the main thread. Outputs are written into
// SharedArrayBuffers, so they reach the caller's thread neither copied nor as new external
// memory there.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { inspectPdfFile } from '../inspect-pdf.ts';
import { appendDss } from '../pdf/index.ts';
import { prepareDocument } from '../sign-pdf.ts';
import { verifyPdf } from '../verify/index.ts';
import { serializeError, type WorkerRequest, type WorkerResponse } from './messages.ts';

const port = parentPort;
if (!port) throw new Error('signing-worker.ts runs only as a worker thread');

// The pool posts the next task before this one is answered (signing-pool.ts, DEPTH); tasks run
// one after the other, in the order posted, so the next starts the moment this one ends.
let previous: Promise<void> = Promise.resolve();
port.on('message', (req: WorkerRequest) => {
  previous = previous.then(() => answer(port, req));
});

/** Never rejects: one task's failure (even to post its answer) must not stop the ones after it. */
async function answer(to: MessagePort, req: WorkerRequest): Promise<void> {
  const failed = (err: unknown): WorkerResponse => ({ type: 'failed', id: req.id, error: serializeError(err) });
  let res: WorkerResponse;
  try {
    res = await handle(req);
  } catch (err) {
    res = failed(err);
  }
  try {
    to.postMessage(res);
  } catch (err) {
    to.postMessage(failed(err));
  }
}

const SHARED = { sharedOutput: true };

async function handle(req: WorkerRequest): Promise<WorkerResponse> {
  switch (req.kind) {
    case 'prepare':
      return { type: 'prepared', id: req.id, prepared: await prepareDocument(req.input, req.doc, SHARED) };
    case 'appendDss':
      return { type: 'dss', id: req.id, bytes: await appendDss(req.signed, req.data, SHARED) };
    case 'inspect':
      return { type: 'inspected', id: req.id, facts: await inspectPdfFile(req.path) };
    case 'verify':
      return { type: 'verified', id: req.id, report: await verifyPdf(req.input, req.options) };
  }
}

lowerThreadPriority();

// Static imports are loaded by now: the pool may send work.
port.postMessage({ type: 'ready' } satisfies WorkerResponse);

/**
 * Signing is background work next to meeting signalling: on Linux a thread has its own nice
 * value, so the event-loop thread wins the CPU when both want it (BENCHMARKS.md). Elsewhere,
 * or without permission, the worker keeps the default priority.
 */
function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // not Linux, or not allowed: the default priority is correct, only less polite
  }
}
