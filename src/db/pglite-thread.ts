// The server's side of the embedded database's thread (pglite-worker.ts): the two calls drizzle's
// PGlite driver makes — query, and transaction with a handle whose query runs inside it — sent
// as messages. Statements still run one at a time in PGlite's order, a transaction still holds
// PGlite's lock until it ends, results and SQLSTATE errors read as before; but executing them,
// and their garbage, no longer stall the event loop.
import { Worker } from 'node:worker_threads';
import type { PGlite, QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import { crossingOptions } from './pglite-parsers.ts';
import { revivedError, type ThreadReady, type ThreadReply, type ThreadRequest } from './pglite-protocol.ts';

const WORKER_URL = new URL('./pglite-worker.ts', import.meta.url);

type Pending = { resolve: (result: Results<unknown> | null) => void; reject: (err: Error) => void };
type Request = ThreadRequest extends infer R ? (R extends ThreadRequest ? Omit<R, 'id'> : never) : never;

export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #nextTx = 1;
  #openTransactions = 0;
  #stopped: Error | undefined;
  /** The database thread's Linux thread id (undefined elsewhere). */
  readonly osThreadId: number | undefined;

  private constructor(worker: Worker, osThreadId: number | undefined) {
    this.#worker = worker;
    this.osThreadId = osThreadId;
    worker.on('message', (msg: ThreadReply) => this.#answer(msg));
    worker.on('error', (err) => this.#stop(err));
    worker.on('exit', (code) => this.#stop(new Error(`embedded database: its thread exited (${code})`)));
    worker.unref(); // like an in-process database: only work in flight keeps the process alive
  }

  /** Starts the thread and opens the database in `dir` there; rejects with PGlite's error if it cannot. */
  static async open(dir: string): Promise<PgliteThread> {
    const worker = new Worker(WORKER_URL, { workerData: { dir } });
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
    return new PgliteThread(worker, ready.osThreadId);
  }

  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#query<T>(text, params, options, undefined);
  }

  async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    const tx = this.#nextTx++;
    this.#openTransactions++;
    try {
      await this.#call({ op: 'begin', tx });
      // drizzle's driver calls only query on the handle (its session.js); the rest of PGlite's
      // Transaction is not offered, and would fail loudly.
      const handle = { query: <R>(text: string, params?: unknown[], options?: QueryOptions) => this.#query<R>(text, params, options, tx) };
      let result: T;
      try {
        result = await callback(handle as Transaction);
      } catch (err) {
        await this.#call({ op: 'end', tx, commit: false }).catch(() => {});
        throw err;
      }
      await this.#call({ op: 'end', tx, commit: true });
      return result;
    } finally {
      this.#openTransactions--;
      this.#unrefIfIdle();
    }
  }

  /** Closes the database, then ends its thread. */
  async close(): Promise<void> {
    if (!this.#stopped) await this.#call({ op: 'close' }).catch(() => {});
    this.#stop(new Error('embedded database: closed'));
    await this.#worker.terminate();
  }

  /** This object, typed as the PGlite instance drizzle's driver takes (it calls only query and transaction). */
  asPGlite(): PGlite {
    return this as unknown as PGlite;
  }

  async #query<T>(text: string, params: unknown[] | undefined, options: QueryOptions | undefined, tx: number | undefined): Promise<Results<T>> {
    return (await this.#call({ op: 'query', text, params, options: crossingOptions(options), tx })) as Results<T>;
  }

  #call(request: Request): Promise<Results<unknown> | null> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage({ ...request, id } as ThreadRequest);
    });
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

  #stop(err: Error): void {
    this.#stopped ??= err;
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }
}
