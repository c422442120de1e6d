import { readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { HELPER_THREADS_NICENESS, lowerHelperThreads, osThreadId } from '../../src/thread-priority.ts';

// Linux only: elsewhere lowerHelperThreads changes nothing and answers 0.
const linux = process.platform === 'linux';

describe.runIf(linux)('lowerHelperThreads', () => {
  it('makes every other thread of the process nicer than the calling one, and leaves the caller as it was', async () => {
    // One more thread that surely exists now: a worker thread waiting for a message.
    const worker = new Worker('require("node:worker_threads").parentPort.once("message", () => {})', { eval: true });
    await new Promise((r) => worker.once('online', r));
    try {
      const self = osThreadId();
      if (self === undefined) throw new Error('no thread id on Linux');
      const before = getPriority(self);
      const others = readdirSync('/proc/self/task').map(Number).filter((tid) => tid !== self);
      expect(others.length).toBeGreaterThan(1);
      lowerHelperThreads();
      expect(getPriority(self)).toBe(before);
      const target = Math.min(19, before + HELPER_THREADS_NICENESS);
      const still = others.filter((tid) => readdirSync('/proc/self/task').includes(String(tid)) && getPriority(tid) < target);
      expect(still).toEqual([]);
      // Already as nice as asked: nothing to change the second time.
      expect(lowerHelperThreads()).toBe(0);
    } finally {
      worker.postMessage('done');
      await worker.terminate();
    }
  });

  it('leaves the threads it is told answer requests with the loop (the embedded database’s) as they were', async () => {
    const worker = new Worker('const w = require("node:worker_threads"); w.parentPort.postMessage(require("node:fs").readlinkSync("/proc/thread-self")); w.parentPort.once("message", () => {})', { eval: true });
    try {
      const kept = Number(String(await new Promise((r) => worker.once('message', r))).split('/').at(-1));
      const before = getPriority(kept);
      lowerHelperThreads([kept]);
      expect(getPriority(kept)).toBe(before);
    } finally {
      worker.postMessage('done');
      await worker.terminate();
    }
  });
});
