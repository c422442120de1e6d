// Signing without blocking the event loop. Parsing a 10 MB PDF, writing the update and hashing
// the byte ranges take ~15 ms of synchronous work per signature (BENCHMARKS.md); on the thread
// that also carries meeting signalling that is too long. The pool runs those document steps in
// worker threads and keeps the Signer on the calling thread, because a Signer may be a remote
// service or a person approving on a phone. Results are byte for byte those of signPdf.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PdfFacts } from '../inspect-pdf.ts';
import type { AppendDssOptions, PreparedSignature } from '../pdf/index.ts';
import { signWith, type DocumentOptions, type DocumentSteps, type SignPdfOptions } from '../sign-pdf.ts';
import type { VerificationReport, VerifyPdfOptions } from '../verify/index.ts';
import { deserializeError, shareBytes, type WorkerRequest, type WorkerResponse } from './messages.ts';

export interface SigningPoolOptions {
  /** Worker threads; default one fewer than the CPUs (at least one), leaving one for the event loop. */
  size?: number;
}

type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

interface Task {
  id: number;
  request: Request;
  resolve: (res: WorkerResponse) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Posted to this worker and not answered yet, in the order posted (the worker runs them so). */
  tasks: Map<number, Task>;
}

/**
 * Tasks posted to a worker at once. With one, a worker that finished waited for the event loop
 * to take its answer and post the next task — while a batch was stored that loop was busy, and
 * the worker idled a third of the time (BENCHMARKS.md, batch signing). With two, the next task
 * is already in its port. The second waits in the worker, not here.
 */
const DEPTH = 2;

const WORKER_URL = new URL('./signing-worker.ts', import.meta.url);

export class SigningPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly steps: DocumentSteps;
  private nextId = 1;
  private closed = false;

  private constructor(size: number) {
    this.size = size;
    this.steps = {
      prepare: (input, doc) => this.prepare(input, doc),
      appendDss: (signed, data) => this.appendDss(signed, data),
    };
  }

  /** Starts the workers and resolves once each has loaded the signing engine. */
  static async create(opts: SigningPoolOptions = {}): Promise<SigningPool> {
    const size = opts.size ?? Math.max(1, availableParallelism() - 1);
    if (!Number.isInteger(size) || size < 1 || size > 64) throw new RangeError('pool size must be an integer from 1 to 64');
    const pool = new SigningPool(size);
    try {
      await Promise.all(Array.from({ length: size }, () => pool.spawn()));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  /**
   * Same contract and bytes as signPdf; the result is backed by a SharedArrayBuffer. `input`
   * is copied into shared memory first unless it already is there; then it must not change
   * until the promise settles.
   */
  signPdf(input: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
    return signWith(this.steps, input, opts);
  }

  /**
   * inspectPdfFile in a worker: the file is read there, so its bytes never reach this thread
   * (a document store checks uploads of up to tens of megabytes while meetings run).
   */
  async inspectPdfFile(path: string): Promise<PdfFacts> {
    const res = await this.run({ kind: 'inspect', path });
    if (res.type !== 'inspected') throw new Error(`signing worker answered ${res.type} to inspect`);
    return res.facts;
  }

  /** verifyPdf in a worker: the same report, without holding the event loop for the parse and hashes. */
  async verifyPdf(input: Uint8Array, options: VerifyPdfOptions): Promise<VerificationReport> {
    const res = await this.run({ kind: 'verify', input, options });
    if (res.type !== 'verified') throw new Error(`signing worker answered ${res.type} to verify`);
    return res.report;
  }

  /** Stops the workers; queued and running signatures fail. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new Error('the signing pool was closed');
    for (const task of this.queue.splice(0)) task.reject(error);
    const slots = this.slots.splice(0);
    for (const slot of slots) rejectAll(slot, error);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private async prepare(input: Uint8Array, doc: DocumentOptions): Promise<PreparedSignature> {
    const res = await this.run({ kind: 'prepare', input, doc });
    if (res.type !== 'prepared') throw new Error(`signing worker answered ${res.type} to prepare`);
    return res.prepared;
  }

  private async appendDss(signed: Uint8Array, data: AppendDssOptions): Promise<Uint8Array> {
    const res = await this.run({ kind: 'appendDss', signed, data });
    if (res.type !== 'dss') throw new Error(`signing worker answered ${res.type} to appendDss`);
    return res.bytes;
  }

  private run(request: Request): Promise<WorkerResponse> {
    if (this.closed) return Promise.reject(new Error('the signing pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, resolve, reject });
      this.dispatch();
    });
  }

  /** Idle workers first, then the second place of each: a free worker never waits behind a busy one. */
  private dispatch(): void {
    for (let load = 0; load < DEPTH; load++) {
      for (const slot of this.slots) {
        if (slot.tasks.size !== load) continue;
        const task = this.queue.shift();
        if (!task) return;
        slot.tasks.set(task.id, task);
        slot.worker.ref();
        void this.send(slot, task);
      }
    }
  }

  /**
   * Posts a task with its document in shared memory, so posting copies nothing. The copy into
   * shared memory happens here, for the tasks about to run, not for the whole queue at once.
   */
  private async send(slot: Slot, task: Task): Promise<void> {
    const { request } = task;
    let message: WorkerRequest;
    switch (request.kind) {
      case 'prepare':
        message = { ...request, id: task.id, input: await shareBytes(request.input) };
        break;
      case 'appendDss':
        message = { ...request, id: task.id, signed: await shareBytes(request.signed) };
        break;
      case 'verify':
        message = { ...request, id: task.id, input: await shareBytes(request.input) };
        break;
      case 'inspect':
        message = { ...request, id: task.id };
        break;
    }
    if (slot.tasks.get(task.id) === task) slot.worker.postMessage(message);
  }

  private spawn(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_URL);
      const slot: Slot = { worker, tasks: new Map() };
      let ready = false;
      worker.on('message', (msg: WorkerResponse) => {
        if (msg.type === 'ready') {
          ready = true;
          worker.unref(); // an idle pool does not keep the process alive
          this.slots.push(slot);
          resolve();
          this.dispatch();
          return;
        }
        const task = slot.tasks.get(msg.id);
        if (!task) return;
        slot.tasks.delete(msg.id);
        if (slot.tasks.size === 0) worker.unref();
        if (msg.type === 'failed') task.reject(deserializeError(msg.error));
        else task.resolve(msg);
        this.dispatch();
      });
      worker.on('error', (err) => {
        if (!ready) reject(err);
        else rejectAll(slot, err);
      });
      worker.on('exit', (code) => {
        if (!ready) reject(new Error(`signing worker exited with code ${code} before it was ready`));
        const at = this.slots.indexOf(slot);
        if (at < 0) return; // closed, or never ready
        this.slots.splice(at, 1);
        rejectAll(slot, new Error(`signing worker exited with code ${code}`));
        // A crashed worker is replaced so the pool keeps its size.
        if (!this.closed) this.spawn().catch(() => {});
      });
    });
  }
}

function rejectAll(slot: Slot, error: Error): void {
  const tasks = [...slot.tasks.values()];
  slot.tasks.clear();
  for (const task of tasks) task.reject(error);
}

export function createSigningPool(opts: SigningPoolOptions = {}): Promise<SigningPool> {
  return SigningPool.create(opts);
}
