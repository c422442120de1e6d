// Signing without blocking the event loop. Parsing a 10 MB PDF, writing the update and hashing
// the byte ranges take ~15 ms of synchronous work per signature (BENCHMARKS.md); on the thread
// that also carries meeting signalling that is too long. The pool runs those document steps in
// worker processes (signing-worker.ts says why processes) and keeps the Signer on the calling
// thread, because a Signer may be a remote service or a person approving on a phone. Results
// are byte for byte those of signPdf.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PdfFacts } from '../inspect-pdf.ts';
import { signWith, type DocumentSteps, type SignPdfOptions } from '../sign-pdf.ts';
import type { VerificationReport, VerifyPdfOptions } from '../verify/index.ts';
import { deserializeError, type WorkerRequest, type WorkerResponse } from './messages.ts';

export interface SigningPoolOptions {
  /** Worker processes; default one fewer than the CPUs (at least one), leaving one for the event loop. */
  size?: number;
}

type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

interface Task {
  id: number;
  request: Request;
  resolve: (res: WorkerResponse, slot: Slot) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: ChildProcess;
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

const WORKER_PATH = fileURLToPath(new URL('./signing-worker.ts', import.meta.url));

/**
 * One V8 helper thread in each worker process: its collections then take at most one more core
 * than the worker itself, and on a two-core machine the event loop keeps one (signing-worker.ts).
 */
const WORKER_EXEC_ARGV = ['--v8-pool-size=1'];

/** A signature written to a file by signFile. */
export interface SignedFile {
  sha256: string;
  size: number;
}

/** A file verified by verifyPdfFile: the report, and the SHA-256 and size of the bytes verified. */
export interface VerifiedFile {
  report: VerificationReport;
  sha256: string;
  size: number;
}

/** What a worker keeps between prepareFile and completeFile. */
interface Held {
  digest: Uint8Array;
  id: number;
  slot: Slot;
}

export class SigningPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(size: number) {
    this.size = size;
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
   * Same contract and bytes as signPdf. The bytes reach the worker and come back through files
   * of a private scratch directory, written and read on libuv's pool: through the IPC channel
   * this thread serialized and parsed each document twice, and 50 signatures of a 10 MB file at
   * once held the event loop up to ~100 ms (BENCHMARKS.md, signing).
   */
  async signPdf(input: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
    return withScratch(async (dir) => {
      const [from, to] = [join(dir, 'input.pdf'), join(dir, 'signed.pdf')];
      await writeFile(from, input, { mode: 0o600 });
      await this.#signFile(from, to, opts, false);
      return new Uint8Array(await readFile(to));
    });
  }

  /**
   * signPdf from the file at `input` to a new file at `output` (created, owner-only, flushed;
   * it must not exist), both read and written by the worker: the document's bytes never reach
   * this thread's heap — a batch of signatures then leaves the event loop's garbage collector
   * almost nothing to do (BENCHMARKS.md, batch signing). Answers the new file's SHA-256 and size.
   */
  signFile(input: string, output: string, opts: SignPdfOptions): Promise<SignedFile> {
    return this.#signFile(input, output, opts, true);
  }

  /** signFile; `durable`: the output flushed to disk before the answer (not for scratch files). */
  #signFile(input: string, output: string, opts: SignPdfOptions, durable: boolean): Promise<SignedFile> {
    const steps: DocumentSteps<Held, SignedFile> = {
      prepare: async (doc) => {
        const { res, slot, id } = await this.runWithSlot({ kind: 'prepareFile', path: input, doc });
        if (res.type !== 'held') throw new Error(`signing worker answered ${res.type} to prepareFile`);
        return { digest: res.digest, id, slot };
      },
      complete: async (held, cms, dss) => {
        const res = await this.runOn(held.slot, { kind: 'completeFile', held: held.id, cms, ...(dss ? { dss } : {}), out: output, durable });
        if (res.type !== 'written') throw new Error(`signing worker answered ${res.type} to completeFile`);
        return { sha256: res.sha256, size: res.size };
      },
      abandon: (held) => {
        this.runOn(held.slot, { kind: 'abandon', held: held.id }).catch(() => {});
      },
    };
    return signWith(steps, opts);
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

  /** verifyPdf in a worker: the same report, without holding the event loop for the parse and hashes (the bytes cross as signPdf's do). */
  async verifyPdf(input: Uint8Array, options: VerifyPdfOptions): Promise<VerificationReport> {
    return withScratch(async (dir) => {
      const path = join(dir, 'input.pdf');
      await writeFile(path, input, { mode: 0o600 });
      return (await this.verifyPdfFile(path, options)).report;
    });
  }

  /**
   * verifyPdf of the file at `path`, read by the worker: its bytes never reach this thread. With
   * the SHA-256 and size of the bytes it verified (what a caller records as verified).
   */
  async verifyPdfFile(path: string, options: VerifyPdfOptions): Promise<VerifiedFile> {
    const res = await this.run({ kind: 'verifyFile', path, options });
    if (res.type !== 'verified') throw new Error(`signing worker answered ${res.type} to verifyFile`);
    return { report: res.report, sha256: res.sha256, size: res.size };
  }

  /** Stops the workers; queued and running signatures fail. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new Error('the signing pool was closed');
    for (const task of this.queue.splice(0)) task.reject(error);
    const slots = this.slots.splice(0);
    for (const slot of slots) rejectAll(slot, error);
    await Promise.all(slots.map((s) => stop(s.worker)));
  }

  private async run(request: Request): Promise<WorkerResponse> {
    return (await this.runWithSlot(request)).res;
  }

  /** A task through the queue, answered with the worker that ran it. */
  private runWithSlot(request: Request): Promise<{ res: WorkerResponse; slot: Slot; id: number }> {
    if (this.closed) return Promise.reject(new Error('the signing pool is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.queue.push({ id, request, resolve: (res, slot) => resolve({ res, slot, id }), reject });
      this.dispatch();
    });
  }

  /** A task for one worker (the one that holds a prepared document), past the queue: it runs after what that worker has already. */
  private runOn(slot: Slot, request: Request): Promise<WorkerResponse> {
    if (this.closed) return Promise.reject(new Error('the signing pool is closed'));
    if (!this.slots.includes(slot)) return Promise.reject(new Error('the signing worker holding this document has exited'));
    return new Promise((resolve, reject) => {
      const task: Task = { id: this.nextId++, request, resolve, reject };
      slot.tasks.set(task.id, task);
      refWorker(slot.worker);
      this.send(slot, task);
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
        refWorker(slot.worker);
        this.send(slot, task);
      }
    }
  }

  private send(slot: Slot, task: Task): void {
    const message = { ...task.request, id: task.id } as WorkerRequest;
    slot.worker.send(message, (err) => {
      if (err && slot.tasks.delete(task.id)) task.reject(err);
    });
  }

  private spawn(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = fork(WORKER_PATH, [], { execArgv: WORKER_EXEC_ARGV, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const slot: Slot = { worker, tasks: new Map() };
      let ready = false;
      worker.on('message', (msg: WorkerResponse) => {
        if (msg.type === 'ready') {
          ready = true;
          unrefWorker(worker); // an idle pool does not keep the process alive
          this.slots.push(slot);
          resolve();
          this.dispatch();
          return;
        }
        const task = slot.tasks.get(msg.id);
        if (!task) return;
        slot.tasks.delete(msg.id);
        if (slot.tasks.size === 0) unrefWorker(worker);
        if (msg.type === 'failed') task.reject(deserializeError(msg.error));
        else task.resolve(msg, slot);
        this.dispatch();
      });
      worker.on('error', (err) => {
        if (!ready) reject(err);
        else rejectAll(slot, err);
      });
      worker.on('exit', (code, signal) => {
        if (!ready) reject(new Error(`signing worker exited with code ${code ?? signal} before it was ready`));
        const at = this.slots.indexOf(slot);
        if (at < 0) return; // closed, or never ready
        this.slots.splice(at, 1);
        rejectAll(slot, new Error(`signing worker exited with code ${code ?? signal}`));
        // A crashed worker is replaced so the pool keeps its size.
        if (!this.closed) this.spawn().catch(() => {});
      });
    });
  }
}

function refWorker(worker: ChildProcess): void {
  worker.ref();
  worker.channel?.ref();
}

function unrefWorker(worker: ChildProcess): void {
  worker.unref();
  worker.channel?.unref();
}

/** Ends a worker process and waits for it (it has nothing to save: tasks were rejected). */
function stop(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    // An idle worker is unref'd: with nothing else to do the process would end before its exit
    // is seen, leaving close() (a top-level await in a CLI or benchmark) unsettled.
    worker.ref();
    worker.kill('SIGKILL');
  });
}

function rejectAll(slot: Slot, error: Error): void {
  const tasks = [...slot.tasks.values()];
  slot.tasks.clear();
  for (const task of tasks) task.reject(error);
}

export function createSigningPool(opts: SigningPoolOptions = {}): Promise<SigningPool> {
  return SigningPool.create(opts);
}

/** Runs `fn` with a new private directory (owner-only) and removes it afterwards. */
async function withScratch<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ecabinet-signing-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
