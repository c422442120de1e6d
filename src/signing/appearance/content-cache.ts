// A small per-thread cache of work derived from input bytes (a parsed font, a decoded PNG),
// keyed by the SHA-256 of those bytes so equal content is shared whoever passes it and different
// content never is. Each signing worker signs one document after another with the same few
// fonts and images; redoing that work for every signature was most of a visible signature's
// cost (BENCHMARKS.md, batch signing). Bounded: callers may pass any bytes.
import { createHash } from 'node:crypto';

export class ContentCache<T> {
  private readonly entries = new Map<string, T>();
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** The value for `bytes`, computed by `make` the first time; a failure is not kept. */
  get(bytes: Uint8Array, make: () => T): T {
    const key = createHash('sha256').update(bytes).digest('hex');
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Map keeps insertion order: re-inserting makes this the most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = make();
    if (value instanceof Promise) value.catch(() => this.entries.delete(key));
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}
