// Figures, tables and the BENCHMARKS.md section of the page-sync benchmark.
import { machineLine, type Machine } from '../lib/machine.ts';
import { median, ms, percentile, table } from '../lib/stats.ts';
import type { Receipt } from './messages.ts';

/** One page turn: the revision it made and when the presenter sent it. */
export interface Turn {
  revision: number;
  sentAt: number;
  ackMs: number;
}

export interface ContenderRun {
  name: string;
  turns: Turn[];
  receipts: Receipt[];
  clients: number;
  connectFailures: string[];
  disconnects: number;
  /** The server process's CPU over the turns, % of one core. */
  serverCpu: number;
  harnessLoopDelayMaxMs: number;
}

export interface Summary {
  expected: number;
  delivered: number;
  missing: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Per turn, when the last tablet had it: median and worst over the turns. */
  lastTabletMedian: number;
  lastTabletMax: number;
  ackP50: number;
  ackP95: number;
}

export function summarise(run: ContenderRun): Summary {
  const sentAt = new Map(run.turns.map((t) => [t.revision, t.sentAt]));
  const latencies: number[] = [];
  const perTurn = new Map<number, number>();
  for (const [, revision, at] of run.receipts) {
    const sent = sentAt.get(revision);
    if (sent === undefined) continue; // a warm-up turn
    const latency = at - sent;
    latencies.push(latency);
    perTurn.set(revision, Math.max(perTurn.get(revision) ?? 0, latency));
  }
  const expected = run.turns.length * run.clients;
  const acks = run.turns.map((t) => t.ackMs);
  return {
    expected,
    delivered: latencies.length,
    missing: expected - latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.length ? Math.max(...latencies) : NaN,
    lastTabletMedian: median([...perTurn.values()]),
    lastTabletMax: perTurn.size ? Math.max(...perTurn.values()) : NaN,
    ackP50: percentile(acks, 50),
    ackP95: percentile(acks, 95),
  };
}

export interface PageSyncReport {
  machine: Machine;
  clients: number;
  processes: number;
  turns: number;
  warmup: number;
  intervalMs: number;
  database: 'pglite' | 'postgres';
  backgroundBusy: number;
  goalP95Ms: number;
  runs: ContenderRun[];
  serverProblems: string[];
}

export function summaryTable(report: PageSyncReport): string {
  return table(
    ['contender', 'deliveries', 'missing', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'last tablet / turn, median ms', 'last tablet, worst ms', 'presenter ack p50 ms', 'server CPU %'],
    report.runs.map((run) => {
      const s = summarise(run);
      return [run.name, String(s.delivered), String(s.missing), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), ms(s.lastTabletMedian), ms(s.lastTabletMax), ms(s.ackP50), run.serverCpu.toFixed(0)];
    }),
  );
}

export function renderReport(report: PageSyncReport): string {
  const ours = report.runs[0];
  const s = ours ? summarise(ours) : undefined;
  const met = s !== undefined && s.missing === 0 && s.p95 < report.goalP95Ms;
  const notes = report.runs.flatMap((run) => [
    run.connectFailures.length ? `- ${run.name}: ${run.connectFailures.length} watchers could not connect (${[...new Set(run.connectFailures)].slice(0, 3).join('; ')}).` : null,
    run.disconnects ? `- ${run.name}: ${run.disconnects} watchers were disconnected during the turns.` : null,
  ]).filter((l): l is string => l !== null);
  return `Measured on ${machineLine(report.machine)}.

**Method.** \`npm run bench:page-sync\` prepares a fresh ${report.database === 'pglite' ? 'PGlite' : 'Postgres'} database with the demo
tree and ${report.clients} member accounts spread over the communes and wards, starts the real server
(\`ecabinet serve\`) in a child process, schedules a city-wide meeting, uploads a 20-page PDF to it
and lets the chair open the room (the meeting is live). ${report.clients} socket.io clients — one per
account, logged in, dealt over ${report.processes} child processes — send \`watchMeeting\` as a tablet
reading the documents without media does. The chair, in the benchmark's own process, then turns
${report.turns} pages (after ${report.warmup} not counted), one every ${report.intervalMs} ms: \`present\`
over its socket, which the server checks (invitation, live, chair or current presenter, the
document and page), writes to \`meeting_presentations\` and pushes as \`presentationChanged\` to the
meeting's audience. Each delivery is timed from just before the chair's \`emit\` to the watcher's
receipt, both read as \`performance.timeOrigin + performance.now()\` on the same machine (one
clock). *Last tablet* is, per page turn, when the slowest of the ${report.clients} had it.
The *reference* is socket.io alone in a child process of its own — no session, database or
check: \`watchMeeting\` joins a room, \`present\` is broadcast to it — driven by the same
processes, clients and turns: the floor this machine puts under any page-sync. Machine ${report.backgroundBusy.toFixed(0)}% busy
just before the turns (the benchmark waits for a quiet machine first).

${summaryTable(report)}

Goal: every tablet at the presenter's page with p95 < ${report.goalP95Ms} ms on loopback — **${met ? 'met' : 'not met'}**${s ? ` (p95 ${ms(s.p95)} ms, ${s.missing} missing)` : ''}.
${notes.length ? `\n${notes.join('\n')}\n` : ''}${report.serverProblems.length ? `\nServer warnings during the run: ${report.serverProblems.slice(0, 5).join('; ')}\n` : ''}`;
}
