// Two independent views of event-loop blocking while `work` runs:
// - perf_hooks.monitorEventLoopDelay at 1 ms resolution (libuv timer; values include the 1 ms);
// - a setInterval(1 ms) probe: each tick's lateness beyond its 1 ms period, i.e. how long the
//   loop could not run a timer. Both are upper bounds of the longest synchronous stretch.
// The probe also reads the thread's own CPU time (process.threadCpuUsage) over each late
// tick: a stall with little CPU is the OS running other threads (on 2 vCPUs, the signing
// worker and V8's GC helpers), one with as much CPU as wall time is our code holding the loop
// (Linux counts a thread's CPU time in scheduler ticks, so *busy* comes in steps of ~4 ms).
// On Linux it reads the thread's run-queue time too (/proc/thread-self/schedstat, in ns): how
// long the loop was ready to run but had no core — the rest of a stall.
// The garbage collections of this thread's heap are observed too ('gc' performance entries), so
// each stall over 10 ms is attributed to a collection or not.
import { readFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

// The calling thread's time spent waiting on a run queue, ms (the second field of its schedstat); 0 where unknown.
const runQueueMs = (): number => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6 || 0;
  } catch {
    return 0;
  }
};

export interface LoopLag {
  /** Longest interval of the 1 ms histogram timer, ms. */
  histogramMax: number;
  histogramP99: number;
  /** Longest lateness of the setInterval probe beyond its period, ms. */
  probeMax: number;
  /** Most CPU the event-loop thread itself used within one probe interval, ms: the loop held by our code. */
  busyMax: number;
  /** Most time the event-loop thread spent runnable but waiting for a core within one probe interval, ms (Linux schedstat; 0 elsewhere). */
  waitMax: number;
  /** Wall time of `work`, ms. */
  elapsed: number;
  /** Longest garbage-collection pause of this thread's heap, ms, and how many were major (mark-compact). */
  gcMax: number;
  majorGcs: number;
  /** Probe stalls over 10 ms, and how many of them overlapped a collection of this thread's heap. */
  longStalls: number;
  longStallsInGc: number;
}

const LONG_STALL_MS = 10;

export async function measureLoopLag<T>(work: () => Promise<T>): Promise<{ lag: LoopLag; result: T }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let probeMax = 0;
  let busyMax = 0;
  let waitMax = 0;
  let lastWait = runQueueMs();
  let last = performance.now();
  let lastCpu = process.threadCpuUsage();
  let stalls: Array<{ from: number; to: number }> = [];
  let gcs: PerformanceEntry[] = [];
  const gcObserver = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
  gcObserver.observe({ entryTypes: ['gc'] });
  const probe = setInterval(() => {
    const now = performance.now();
    const cpu = process.threadCpuUsage();
    probeMax = Math.max(probeMax, now - last - 1);
    if (now - last - 1 > LONG_STALL_MS) stalls.push({ from: last, to: now });
    busyMax = Math.max(busyMax, (cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000);
    const wait = runQueueMs();
    waitMax = Math.max(waitMax, wait - lastWait);
    lastWait = wait;
    last = now;
    lastCpu = cpu;
  }, 1);
  // The histogram records nothing for its first tick after enable(): let it tick before the
  // work starts, or a block right at the start would go unseen.
  histogram.enable();
  await new Promise((r) => setTimeout(r, 20));
  histogram.reset();
  probeMax = 0;
  busyMax = 0;
  waitMax = 0;
  stalls = [];
  gcs = [];
  const started = performance.now();
  try {
    const result = await work();
    const elapsed = performance.now() - started;
    // A stretch that ends the work is only seen by the timers' next ticks.
    await new Promise((r) => setTimeout(r, 5));
    gcs.push(...gcObserver.takeRecords());
    const during = gcs.filter((g) => g.startTime >= started);
    const inGc = stalls.filter((s) => during.some((g) => g.startTime < s.to && g.startTime + g.duration > s.from));
    return {
      result,
      lag: {
        histogramMax: histogram.max / 1e6,
        histogramP99: histogram.percentile(99) / 1e6,
        probeMax,
        busyMax,
        waitMax,
        elapsed,
        gcMax: Math.max(0, ...during.map((g) => g.duration)),
        majorGcs: during.filter((g) => (g as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR).length,
        longStalls: stalls.length,
        longStallsInGc: inGc.length,
      },
    };
  } finally {
    histogram.disable();
    clearInterval(probe);
    gcObserver.disconnect();
  }
}
