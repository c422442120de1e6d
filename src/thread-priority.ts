// The event loop is the server's one latency-critical thread: it answers every request and relays
// meeting signalling. Its process's other threads — V8's garbage-collection and compiler helpers
// and libuv's pool (file I/O, signing with a held key, the PIN's scrypt) — do work the loop
// waits for only in bulk. At the same priority they took the loop's core: during each major
// collection of a batch's heap, V8's concurrent markers (Node starts four) kept the loop
// runnable but off the CPU for 8–12 ms at a time (BENCHMARKS.md, batch signing). On Linux each
// thread has its own nice value, so those threads are made nicer than the loop's; they still
// use every idle core.

import { readdirSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The calling thread's Linux thread id ("<pid>/task/<tid>"); undefined elsewhere. */
export function osThreadId(): number | undefined {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').at(-1));
  } catch {
    return undefined;
  }
}

/** How much nicer than the event loop's thread the process's other threads run (the signing pool's workers use the same). */
export const HELPER_THREADS_NICENESS = 10;

/**
 * Makes every other thread of this process `niceness` nicer than the calling one (never less
 * nice than it already is), except the `loopThreads` that answer requests with it (the embedded
 * database's), and answers how many it changed. Threads started later keep the default. Not
 * Linux, or not allowed: nothing changes and the answer is 0.
 */
export function lowerHelperThreads(loopThreads: readonly number[] = [], niceness = HELPER_THREADS_NICENESS): number {
  // The thread that runs this event loop (a worker thread's, in some test runners).
  const self = osThreadId();
  if (self === undefined) return 0;
  const target = Math.min(19, getPriority(self) + niceness);
  let lowered = 0;
  for (const entry of readdirSync('/proc/self/task')) {
    const tid = Number(entry);
    if (tid === self || loopThreads.includes(tid)) continue;
    try {
      if (getPriority(tid) >= target) continue;
      setPriority(tid, target);
      lowered++;
    } catch {
      // the thread ended meanwhile, or raising its niceness is refused: leave it
    }
  }
  return lowered;
}
