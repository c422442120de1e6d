// What the figures were measured on, for BENCHMARKS.md: they mean little without it.
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';

export interface Machine {
  nproc: number;
  cpu: string;
  memory: string;
  os: string;
  node: string;
  date: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  load: number;
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) return m[1].trim();
  } catch {
    // not Linux: fall through to what Node reports
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function describeMachine(now = new Date()): Machine {
  return {
    nproc: availableParallelism(),
    cpu: cpuModel(),
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${type()} ${release()}`,
    node: process.version,
    date: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    load: loadavg()[0] ?? 0,
  };
}

export const machineLine = (m: Machine): string =>
  `${m.nproc} CPUs (${m.cpu}), ${m.memory} RAM, ${m.os}, Node ${m.node}, ${m.date}, load average ${m.load.toFixed(2)} at start`;
