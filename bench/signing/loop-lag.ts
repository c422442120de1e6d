// Two independent views of event-loop blocking while `work` runs:
// - perf_hooks.monitorEventLoopDelay at 1 ms resolution (libuv timer; values include the 1 ms);
// - a setInterval(1 ms) probe: each tick's lateness beyond its 1 ms period, i.e. how long the
//   loop could not run a timer. Both are upper bounds of the longest synchronous stretch.
// The probe also reads the thread's own CPU time (process.threadCpuUsage) over each late
// tick: a stall with little CPU is the OS running other threads (on 2 vCPUs, the signing
// worker and V8's GC helpers), one with as much CPU as wall time is our code holding the loop.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopLag {
  /** Longest interval of the 1 ms histogram timer, ms. */
  histogramMax: number;
  histogramP99: number;
  /** Longest lateness of the setInterval probe beyond its period, ms. */
  probeMax: number;
  /** Most CPU the event-loop thread itself used within one probe interval, ms: the loop held by our code. */
  busyMax: number;
  /** Wall time of `work`, ms. */
  elapsed: number;
}

export async function measureLoopLag<T>(work: () => Promise<T>): Promise<{ lag: LoopLag; result: T }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let probeMax = 0;
  let busyMax = 0;
  let last = performance.now();
  let lastCpu = process.threadCpuUsage();
  const probe = setInterval(() => {
    const now = performance.now();
    const cpu = process.threadCpuUsage();
    probeMax = Math.max(probeMax, now - last - 1);
    busyMax = Math.max(busyMax, (cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000);
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
  const started = performance.now();
  try {
    const result = await work();
    const elapsed = performance.now() - started;
    // A stretch that ends the work is only seen by the timers' next ticks.
    await new Promise((r) => setTimeout(r, 5));
    return {
      result,
      lag: { histogramMax: histogram.max / 1e6, histogramP99: histogram.percentile(99) / 1e6, probeMax, busyMax, elapsed },
    };
  } finally {
    histogram.disable();
    clearInterval(probe);
  }
}
