// The server's side of the embedded database's thread (pglite-worker.ts): the two calls drizzle's
// PGlite driver makes — query, and transaction with a handle whose query runs inside it — sent
// as messages. Statements still run one at a time in PGlite's order, a transaction still holds
// PGlite's lock until it ends, results and SQLSTATE errors read as before; but executing them,
// and their garbage, no longer stall the event loop. If the thread dies (out of memory, a fault
// in PGlite), the statements and transactions in flight fail, and a new thread opens the same
// directory again (PGlite recovers from its write-ahead log as after a power cut), so the server
// serves again without a restart.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { PGlite, QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import { crossingOptions } from './pglite-parsers.ts';
import { revivedError, type ThreadReady, type ThreadReply, type ThreadRequest } from './pglite-protocol.ts';

const WORKER_URL = new URL('./pglite-worker.ts', import.meta.url);

type Pending = { resolve: (result: Results<unknown> | null) => void; reject: (err: Error) => void };
type Request = ThreadRequest extends infer R ? (R extends ThreadRequest ? Omit<R, 'id'> : never) : never;

/** Waits between attempts to open the database again after its thread died, ms (the last one repeats). */
const REOPEN_DELAYS_MS = [0, 250, 1000, 5000, 30_000];

export interface PgliteThreadOptions {
  /** The thread's V8 limits (its heap); past them it dies and is replaced. */
  resourceLimits?: ResourceLimits;
}

export class PgliteThread {
  #worker: Worker;
  readonly #dir: string;
  readonly #options: PgliteThreadOptions;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #nextTx = 1;
  #openTransactions = 0;
  /** Closed for good. */
  #stopped: Error | undefined;
  /** The thread died and a new one is not open yet: statements are refused with this meanwhile. */
  #down: Error | undefined;
  /** Counts the threads: a transaction begun on one cannot go on on the next. */
  #generation = 0;
  /** The database thread's Linux thread id (undefined elsewhere); a replacement thread has its own. */
  osThreadId: number | undefined;

  private constructor(worker: Worker, osThreadId: number | undefined, dir: string, options: PgliteThreadOptions) {
    this.#worker = worker;
    this.osThreadId = osThreadId;
    this.#dir = dir;
    this.#options = options;
    this.#watch(worker);
  }

  /** Starts the thread and opens the database in `dir` there; rejects with PGlite's error if it cannot. */
  static async open(dir: string, options: PgliteThreadOptions = {}): Promise<PgliteThread> {
    const { worker, osThreadId } = await startThread(dir, options);
    return new PgliteThread(worker, osThreadId, dir, options);
  }

  /** How many times its thread died and a new one opened the database again. */
  get restarts(): number {
    return this.#generation;
  }

  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#query<T>(text, params, options, undefined);
  }

  async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    const tx = this.#nextTx++;
    const generation = this.#generation;
    this.#openTransactions++;
    try {
      await this.#call({ op: 'begin', tx }, generation);
      // drizzle's driver calls only query on the handle (its session.js); the rest of PGlite's
      // Transaction is not offered, and would fail loudly.
      const handle = { query: <R>(text: string, params?: unknown[], options?: QueryOptions) => this.#query<R>(text, params, options, tx, generation) };
      let result: T;
      try {
        result = await callback(handle as Transaction);
      } catch (err) {
        await this.#call({ op: 'end', tx, commit: false }, generation).catch(() => {});
        throw err;
      }
      await this.#call({ op: 'end', tx, commit: true }, generation);
      return result;
    } finally {
      this.#openTransactions--;
      this.#unrefIfIdle();
    }
  }

  /** Closes the database, then ends its thread. */
  async close(): Promise<void> {
    if (!this.#stopped && !this.#down) await this.#call({ op: 'close' }).catch(() => {});
    this.#stop(new Error('embedded database: closed'));
    await this.#worker.terminate();
  }

  /** This object, typed as the PGlite instance drizzle's driver takes (it calls only query and transaction). */
  asPGlite(): PGlite {
    return this as unknown as PGlite;
  }

  async #query<T>(text: string, params: unknown[] | undefined, options: QueryOptions | undefined, tx: number | undefined, generation?: number): Promise<Results<T>> {
    return (await this.#call({ op: 'query', text, params, options: crossingOptions(options), tx }, generation)) as Results<T>;
  }

  /** Sends `request`; with `generation`, only to the thread of that generation (a transaction's). */
  #call(request: Request, generation?: number): Promise<Results<unknown> | null> {
    const refusal = this.#stopped ?? this.#down ?? (generation !== undefined && generation !== this.#generation ? new Error('embedded database: its thread died during this transaction, which was rolled back') : undefined);
    if (refusal) return Promise.reject(refusal);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage({ ...request, id } as ThreadRequest);
    });
  }

  #watch(worker: Worker): void {
    worker.on('message', (msg: ThreadReply) => this.#answer(msg));
    worker.on('error', (err) => this.#died(worker, err));
    worker.on('exit', (code) => this.#died(worker, new Error(`embedded database: its thread exited (${code})`)));
    worker.unref(); // like an in-process database: only work in flight keeps the process alive
  }

  #answer(msg: ThreadReply): void {
    const pending = this.#pending.get(msg.id);
    if (!pending) return;
    this.#pending.delete(msg.id);
    this.#unrefIfIdle();
    if (msg.ok) pending.resolve(msg.result);
    else pending.reject(revivedError(msg.error));
  }

  #unrefIfIdle(): void {
    if (this.#pending.size === 0 && this.#openTransactions === 0) this.#worker.unref();
  }

  /** The thread ended without being closed: what was in flight fails, and a new thread opens the database again. */
  #died(worker: Worker, err: Error): void {
    if (worker !== this.#worker || this.#stopped || this.#down) return;
    this.#down = new Error(`embedded database: its thread died (${err.message}); opening it again`, { cause: err });
    this.#rejectPending(this.#down);
    void this.#reopen();
  }

  async #reopen(): Promise<void> {
    for (let attempt = 0; !this.#stopped; attempt++) {
      await new Promise((r) => setTimeout(r, REOPEN_DELAYS_MS[Math.min(attempt, REOPEN_DELAYS_MS.length - 1)]).unref());
      if (this.#stopped) return;
      try {
        const { worker, osThreadId } = await startThread(this.#dir, this.#options);
        if (this.#stopped) {
          await worker.terminate();
          return;
        }
        this.#worker = worker;
        this.osThreadId = osThreadId;
        this.#generation++;
        this.#watch(worker);
        this.#down = undefined;
        return;
      } catch (err) {
        this.#down = new Error(`embedded database: its thread died and it could not be opened again (${(err as Error).message})`, { cause: err });
      }
    }
  }

  #stop(err: Error): void {
    this.#stopped ??= err;
    this.#rejectPending(err);
  }

  #rejectPending(err: Error): void {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }
}

/** A new thread with the database in `dir` open; rejects with PGlite's error if it cannot open it. */
async function startThread(dir: string, options: PgliteThreadOptions): Promise<{ worker: Worker; osThreadId: number | undefined }> {
  const worker = new Worker(WORKER_URL, { workerData: { dir }, ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}) });
  let settle: { onMessage: (m: ThreadReady) => void; onError: (err: Error) => void; onExit: (code: number) => void } | undefined;
  const ready = await new Promise<ThreadReady>((resolve, reject) => {
    settle = { onMessage: resolve, onError: reject, onExit: (code) => reject(new Error(`embedded database: its thread exited (${code}) while opening`)) };
    worker.once('message', settle.onMessage).once('error', settle.onError).once('exit', settle.onExit);
  }).finally(() => {
    if (settle) worker.off('message', settle.onMessage).off('error', settle.onError).off('exit', settle.onExit);
  });
  if (!ready.ready) {
    worker.on('error', () => {}); // it is ending; its reason is the one thrown here
    await worker.terminate();
    throw revivedError(ready.error);
  }
  return { worker, osThreadId: ready.osThreadId };
}
