// A signing pool worker, a child process of the server: runs the CPU-bound document steps
// (parse, incremental write, SHA-256 of the byte ranges, the DSS update) away from the event
// loop. A process rather than a thread because V8's garbage-collector helper threads are shared
// by all isolates of a process: a worker thread's collections put up to four of them on the
// cores the event loop needs (bench/batch-sign, BENCHMARKS.md). This process runs with one
// helper and every thread at a lower priority; signatures from file to file keep the
// document's bytes here, so the server's heap never holds them.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { inspectPdfFile } from '../inspect-pdf.ts';
import type { PreparedSignature } from '../pdf/index.ts';
import { completeDocument, prepareDocument } from '../sign-pdf.ts';
import { verifyPdf } from '../verify/index.ts';
import { serializeError, type WorkerRequest, type WorkerResponse } from './messages.ts';

const send = process.send?.bind(process);
if (!send) throw new Error('signing-worker.ts runs only as a child process with an IPC channel (signing-pool.ts)');
// The server went away (exit, crash, SIGKILL): nothing is left to answer.
process.on('disconnect', () => process.exit(0));

/** Prepared documents waiting for their CMS, by the id of the prepareFile request. */
const held = new Map<number, PreparedSignature>();

// The pool posts the next task before this one is answered (signing-pool.ts, DEPTH); tasks run
// one after the other, in the order posted, so the next starts the moment this one ends.
let previous: Promise<void> = Promise.resolve();
process.on('message', (req: WorkerRequest) => {
  previous = previous.then(() => answer(req));
});

/** Never rejects: one task's failure (even to send its answer) must not stop the ones after it. */
async function answer(req: WorkerRequest): Promise<void> {
  const failed = (err: unknown): WorkerResponse => ({ type: 'failed', id: req.id, error: serializeError(err) });
  let res: WorkerResponse;
  try {
    res = await handle(req);
  } catch (err) {
    res = failed(err);
  }
  try {
    send?.(res);
  } catch (err) {
    send?.(failed(err));
  }
}

async function handle(req: WorkerRequest): Promise<WorkerResponse> {
  switch (req.kind) {
    case 'prepareFile': {
      const prepared = await prepareDocument(new Uint8Array(await readFile(req.path)), req.doc);
      held.set(req.id, prepared);
      return { type: 'held', id: req.id, digest: prepared.digest };
    }
    case 'completeFile': {
      const prepared = held.get(req.held);
      if (!prepared) throw new Error(`signing worker: no prepared document ${req.held}`);
      held.delete(req.held);
      const bytes = await completeDocument(prepared, req.cms, req.dss);
      // As the document store writes an upload: a new file, owner-only, on disk before the answer (a scratch file need not be).
      await writeFile(req.out, bytes, { flag: 'wx', mode: 0o600, flush: req.durable });
      return { type: 'written', id: req.id, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
    }
    case 'abandon':
      held.delete(req.held);
      return { type: 'abandoned', id: req.id };
    case 'inspect':
      return { type: 'inspected', id: req.id, facts: await inspectPdfFile(req.path) };
    case 'verifyFile': {
      const file = await readFile(req.path);
      const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
      return { type: 'verified', id: req.id, report: await verifyPdf(bytes, req.options), sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
    }
  }
}

lowerPriority();

// Static imports are loaded by now: the pool may send work.
send({ type: 'ready' } satisfies WorkerResponse);

/**
 * Signing is background work next to meeting signalling: on Linux each thread has its own nice
 * value, so every thread of this process (V8's and libuv's started since inherit it) yields the
 * CPU to the server's event loop. Elsewhere, or without permission, the default priority.
 */
function lowerPriority(): void {
  try {
    for (const tid of readdirSync('/proc/self/task')) setPriority(Number(tid), 10);
  } catch {
    // not Linux, or not allowed: the default priority is correct, only less polite
  }
}
