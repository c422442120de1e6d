// Measurement helpers for the SFU benchmarks: CPU time of processes from /proc/<pid>/stat (the
// mediasoup worker is its own process: `worker.pid`), the whole machine's CPU from /proc/stat,
// the kernel's UDP counters (receive-buffer drops), and a run window (warm-up, then N seconds
// between two samples). Linux only. /proc is read rather than `worker.getResourceUsage()`,
// which answers late and reads over 100% when the worker is saturated.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let clockTicks: number | undefined;
/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on practically every Linux). */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU seconds (user + system, all threads) the process has used so far; NaN if it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) is parenthesised and may hold spaces: count fields after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (Number(rest[11]) + Number(rest[12])) / clockTicksPerSecond();
  } catch {
    return NaN;
  }
}

export interface CpuSample {
  /** performance.now() */
  at: number;
  /** pid → CPU seconds */
  seconds: Record<number, number>;
}

export function sampleCpu(pids: readonly number[]): CpuSample {
  const seconds: Record<number, number> = {};
  for (const pid of pids) seconds[pid] = processCpuSeconds(pid);
  return { at: performance.now(), seconds };
}

/** CPU of `pids` between two samples, summed, in % of one core (200% = two cores busy). */
export function cpuPercent(a: CpuSample, b: CpuSample, pids: readonly number[] = Object.keys(b.seconds).map(Number)): number {
  const wall = (b.at - a.at) / 1000;
  let used = 0;
  for (const pid of pids) used += (b.seconds[pid] ?? NaN) - (a.seconds[pid] ?? NaN);
  return (used / wall) * 100;
}

export interface MachineCpuSample {
  /** jiffies, all CPUs: busy (everything but idle and iowait) and total */
  busy: number;
  total: number;
  /** jiffies the hypervisor ran something else while this VM wanted the CPU (part of busy) */
  steal: number;
}

export function sampleMachineCpu(): MachineCpuSample {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] as string;
  const v = line.trim().split(/\s+/).slice(1, 9).map(Number); // user nice system idle iowait irq softirq steal
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - (v[3] ?? 0) - (v[4] ?? 0), total, steal: v[7] ?? 0 };
}

/** The whole machine's busy share between two samples, 0..100 (% of all CPUs). */
export const machineBusyPercent = (a: MachineCpuSample, b: MachineCpuSample): number => ((b.busy - a.busy) / (b.total - a.total || 1)) * 100;

/** Steal time between two samples, in % of one core (a VM's vCPUs waiting for the host). */
export const stealPercent = (a: MachineCpuSample, b: MachineCpuSample, cpus: number): number => ((b.steal - a.steal) / (b.total - a.total || 1)) * cpus * 100;

/**
 * The machine's busy share (% of all CPUs) over `seconds`, taken while we run nothing: other
 * work on a shared machine (tests, builds) that will compete with what is measured next.
 */
export async function backgroundBusy(seconds = 2): Promise<number> {
  const a = sampleMachineCpu();
  await sleep(seconds * 1000);
  return machineBusyPercent(a, sampleMachineCpu());
}

/**
 * Waits (up to `timeoutSeconds`) until a `probeSeconds` probe finds the machine at most
 * `maxBusyPercent` busy; returns the last probe's figure, quiet or not.
 */
export async function waitForQuiet(o: { maxBusyPercent: number; timeoutSeconds: number; probeSeconds?: number; log?: (s: string) => void }): Promise<number> {
  const until = performance.now() + o.timeoutSeconds * 1000;
  for (;;) {
    const busy = await backgroundBusy(o.probeSeconds ?? 2);
    if (busy <= o.maxBusyPercent || performance.now() >= until) return busy;
    o.log?.(`  machine ${busy.toFixed(0)}% busy before we start: waiting for it to quieten…`);
  }
}

export interface UdpCounters {
  InDatagrams: number;
  InErrors: number;
  RcvbufErrors: number;
  SndbufErrors: number;
}

/** The kernel's UDP counters (all sockets of the machine's network namespace). */
export function sampleUdp(): UdpCounters {
  const lines = readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((l) => l.startsWith('Udp: '));
  const names = (lines[0] ?? '').split(/\s+/).slice(1);
  const values = (lines[1] ?? '').split(/\s+/).slice(1).map(Number);
  const get = (k: string) => values[names.indexOf(k)] ?? NaN;
  return { InDatagrams: get('InDatagrams'), InErrors: get('InErrors'), RcvbufErrors: get('RcvbufErrors'), SndbufErrors: get('SndbufErrors') };
}

export const udpDelta = (a: UdpCounters, b: UdpCounters): UdpCounters => ({
  InDatagrams: b.InDatagrams - a.InDatagrams,
  InErrors: b.InErrors - a.InErrors,
  RcvbufErrors: b.RcvbufErrors - a.RcvbufErrors,
  SndbufErrors: b.SndbufErrors - a.SndbufErrors,
});

/**
 * Per-socket receive drops (the `drops` column of /proc/net/udp) summed over the UDP sockets
 * bound to `ports`: which side lost packets in the kernel — the SFU's ingress socket (the worker
 * did not drain it) or the receivers' (the harness could not keep up).
 */
export function udpSocketDrops(ports: Iterable<number>): number {
  const want = new Set(ports);
  let drops = 0;
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    const port = parseInt((f[1] ?? '').split(':')[1] ?? '', 16);
    if (want.has(port)) drops += Number(f[12] ?? 0);
  }
  return drops;
}

export interface WindowOptions<T> {
  /** Seconds to let things settle before the first sample. */
  warmupSeconds: number;
  /** Seconds between the first and the last sample. */
  seconds: number;
  /** Takes one sample of everything measured (CPU times, counters…). */
  sample: () => Promise<T> | T;
  /** Also sample every `everySeconds` inside the window (a timeline); default: only both ends. */
  everySeconds?: number;
  log?: (s: string) => void;
}

export interface WindowSamples<T> {
  /** First and last sample. */
  start: T;
  end: T;
  /** Every sample, in order, start and end included. */
  samples: T[];
  /** Wall time between start and end, s (taken from performance.now() around the samples). */
  seconds: number;
}

/** Warm up, then sample at the start and end of the window (and every `everySeconds` between). */
export async function runWindow<T>(o: WindowOptions<T>): Promise<WindowSamples<T>> {
  o.log?.(`  warm-up ${o.warmupSeconds} s, then ${o.seconds} s measured…`);
  await sleep(o.warmupSeconds * 1000);
  const t0 = performance.now();
  const samples: T[] = [await o.sample()];
  const step = (o.everySeconds ?? o.seconds) * 1000;
  const endAt = t0 + o.seconds * 1000;
  for (let next = t0 + step; ; next += step) {
    const due = Math.min(next, endAt);
    await sleep(Math.max(0, due - performance.now()));
    samples.push(await o.sample());
    if (due >= endAt) break;
  }
  return { start: samples[0] as T, end: samples.at(-1) as T, samples, seconds: (performance.now() - t0) / 1000 };
}

/**
 * RTP packets the given consumers have sent so far, from mediasoup's own stats (outbound-rtp).
 * One request to the worker per consumer: take it at the window's ends, not in a tight loop, and
 * prefer the receivers' counts when there are receivers.
 */
export async function consumersPacketCount(consumers: readonly { getStats(): Promise<{ type: string; packetCount: number }[]> }[]): Promise<number> {
  let total = 0;
  for (const c of consumers) for (const s of await c.getStats()) if (s.type === 'outbound-rtp') total += s.packetCount;
  return total;
}
