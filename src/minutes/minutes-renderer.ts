// Turns facts into PDF bytes in a worker thread (layout/render-worker.ts), remembering the last
// few drafts by a hash of their facts: a draft is regenerated on every read until the meeting
// closes, and reading it again with nothing changed costs one hash instead of a layout.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { RenderResponse } from './layout/render-worker.ts';
import type { MinutesFacts } from './minutes-facts.ts';

const WORKER_URL = new URL('./layout/render-worker.ts', import.meta.url);
const CACHED_DRAFTS = 16;

export const factsHash = (facts: MinutesFacts): string => createHash('sha256').update(JSON.stringify(facts)).digest('hex');

interface Pending {
  resolve(bytes: Uint8Array): void;
  reject(err: Error): void;
}

export class MinutesRenderer {
  readonly #drafts = new Map<string, Promise<Uint8Array>>();
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #nextId = 1;

  /** The PDF of these facts; the same facts give the same bytes, from the cache when recent. */
  async render(facts: MinutesFacts): Promise<Uint8Array> {
    const key = factsHash(facts);
    const known = this.#drafts.get(key);
    if (known) return known;
    const made = this.#inWorker(facts);
    this.#drafts.set(key, made);
    made.catch(() => this.#drafts.delete(key));
    if (this.#drafts.size > CACHED_DRAFTS) {
      const oldest = this.#drafts.keys().next().value;
      if (oldest !== undefined) this.#drafts.delete(oldest);
    }
    return made;
  }

  /** Ends the worker (app close); a later render starts a new one. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #inWorker(facts: MinutesFacts): Promise<Uint8Array> {
    const worker = this.#spawned();
    const id = this.#nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref(); // busy: keeps the process alive until the answer
      worker.postMessage({ id, facts });
    });
  }

  #spawned(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER_URL);
    worker.unref();
    worker.on('message', (msg: RenderResponse) => {
      const pending = this.#pending.get(msg.id);
      if (!pending) return;
      this.#pending.delete(msg.id);
      if (this.#pending.size === 0) worker.unref();
      if ('bytes' in msg) pending.resolve(msg.bytes);
      else pending.reject(new Error(`minutes: rendering failed: ${msg.error}`));
    });
    const fail = (err: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const p of this.#pending.values()) p.reject(err);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`minutes: render worker exited (${code})`)));
    this.#worker = worker;
    return worker;
  }
}
