// Figures, tables and the BENCHMARKS.md section of the join-storm benchmark.
import { machineLine, type Machine } from '../lib/machine.ts';
import { ms, percentile, table } from '../lib/stats.ts';
import { STEPS, type ClientResult } from './messages.ts';
import type { LogEntry } from './server.ts';

export interface StormRun {
  machine: Machine;
  clients: number;
  overSeconds: number;
  processes: number;
  timeoutMs: number;
  database: 'pglite' | 'postgres';
  mediaWorkers: number;
  loginSeconds: number;
  /** Machine busy % over a probe just before the storm, while the benchmark ran nothing. */
  backgroundBusy: number;
  results: ClientResult[];
  /** CPU while each group of orderBuckets() was scheduled to join. */
  windows: (CpuWindow | undefined)[];
  /** From t0 until the last client finished. */
  stormSeconds: number;
  server: {
    /** Node process (all its threads), % of one core, mean over the storm and busiest second. */
    cpu: number;
    cpuPeak: number;
    /** The mediasoup workers together. */
    workersCpu: number;
    workersCpuPeak: number;
    /** Main thread runnable but waiting for a CPU (starved by other processes): total s, worst second in ms per s. */
    runQueueWaitS: number;
    runQueueWaitWorstMsPerS: number;
    loopLagP99Ms: number;
    loopLagMaxMs: number;
    rssMiB: number;
    peakRssMiB: number;
    problems: LogEntry[];
    exited: { code: number | null; signal: string | null } | undefined;
  };
  harness: { clientsCpu: number; runQueueWaitWorstMsPerS: number; loopDelayMaxMs: number; loopDelayP99Ms: number; machineBusy: number };
  room: {
    /** Participants an observer joining after the storm was told about, itself excluded. */
    finalParticipants: number;
    /** participantJoined − participantLeft the chair received. */
    chairSaw: number;
    /** The observer's join (capabilities, join, two transports) into the full room. */
    observerMs: number;
    /** Why and when the chair's socket closed during the run, if it did. */
    chairDisconnect?: string;
  };
}

/** CPU over a window of the storm: % of one core, the machine's in % of all CPUs. */
export interface CpuWindow {
  /** The server's main thread waiting for a CPU, % of the window. */
  serverWait: number;
  server: number;
  workers: number;
  clients: number;
  machineBusy: number;
}

/** Clients in join order, in six groups (100 each for 600: one per 10 s of a 60 s storm). */
export function orderBuckets(clients: number): { from: number; to: number }[] {
  const size = Math.max(1, Math.ceil(clients / 6));
  const out: { from: number; to: number }[] = [];
  for (let from = 0; from < clients; from += size) out.push({ from, to: Math.min(clients, from + size) });
  return out;
}

interface Dist {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const dist = (values: readonly number[]): Dist => ({
  n: values.length,
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
  max: values.length ? Math.max(...values) : NaN,
});

export interface Summary {
  join: Dist;
  connect: Dist;
  steps: { step: string; dist: Dist }[];
  byOrder: { label: string; dist: Dist; failed: number; cpu: CpuWindow | undefined }[];
  failures: [string, number][];
  otherErrors: [string, number][];
  failed: number;
  maxLateMs: number;
  lastDoneSeconds: number;
  expectedParticipants: number;
  goalMet: boolean;
}

const count = (keys: readonly string[]): [string, number][] => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
};

export function summarise(run: StormRun): Summary {
  const ok = run.results.filter((r) => r.joinMs !== undefined && !r.error);
  const failedResults = run.results.filter((r) => r.error);
  const missing = run.clients - run.results.length;
  const byOrder: Summary['byOrder'] = orderBuckets(run.clients).map(({ from, to }, i) => {
    const slice = run.results.filter((r) => r.index >= from && r.index < to);
    return {
      label: `${from + 1}–${to}`,
      dist: dist(slice.flatMap((r) => (r.joinMs === undefined ? [] : [r.joinMs]))),
      failed: slice.filter((r) => r.error).length,
      cpu: run.windows[i],
    };
  });
  const join = dist(ok.map((r) => r.joinMs as number));
  const failed = failedResults.length + missing;
  const expectedParticipants = run.clients + 1;
  return {
    join,
    connect: dist(run.results.flatMap((r) => (r.connectMs === undefined ? [] : [r.connectMs]))),
    steps: STEPS.map((step) => ({ step, dist: dist(ok.map((r) => r.steps[step] as number)) })),
    byOrder,
    failures: [...count(failedResults.map((r) => `${r.error?.step}: ${r.error?.code}`)), ...(missing > 0 ? [['no result', missing] as [string, number]] : [])],
    otherErrors: count(run.results.flatMap((r) => r.otherErrors)),
    failed,
    maxLateMs: Math.max(0, ...run.results.map((r) => r.lateMs)),
    lastDoneSeconds: Math.max(0, ...run.results.map((r) => r.doneAtMs ?? 0)) / 1000,
    expectedParticipants,
    goalMet: failed === 0 && join.p95 < 1000 && run.room.finalParticipants === expectedParticipants,
  };
}

const pct = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : 'n/a');
const mib = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : 'n/a');

function resultTable(run: StormRun, s: Summary): string {
  return table(
    ['clients', 'over', 'database', 'joined', 'failed', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p95 < 1 s', 'participants at the end'],
    [[
      String(run.clients), `${run.overSeconds} s`, run.database, String(s.join.n), String(s.failed), ms(s.join.p50, 0), ms(s.join.p95, 0), ms(s.join.p99, 0), ms(s.join.max, 0),
      s.goalMet ? 'yes' : 'no', `${run.room.finalParticipants} / ${s.expectedParticipants}`,
    ]],
  );
}

function stepsTable(s: Summary): string {
  return table(
    ['step', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    [
      ['socket.io connect (not in the join time)', ms(s.connect.p50), ms(s.connect.p95), ms(s.connect.p99), ms(s.connect.max)],
      ...s.steps.map(({ step, dist: d }) => [step, ms(d.p50), ms(d.p95), ms(d.p99), ms(d.max)]),
      ['join time (sum)', ms(s.join.p50), ms(s.join.p95), ms(s.join.p99), ms(s.join.max)],
    ],
  );
}

function orderTable(s: Summary): string {
  return table(
    ['clients (join order)', 'p50 ms', 'p95 ms', 'max ms', 'failed', 'server Node CPU %', 'its main thread waiting for a CPU %', 'workers CPU %', 'clients CPU %', 'machine busy %'],
    s.byOrder.map((b) => [
      b.label, ms(b.dist.p50, 0), ms(b.dist.p95, 0), ms(b.dist.max, 0), String(b.failed),
      pct(b.cpu?.server ?? NaN), pct(b.cpu?.serverWait ?? NaN), pct(b.cpu?.workers ?? NaN), pct(b.cpu?.clients ?? NaN), pct(b.cpu?.machineBusy ?? NaN),
    ]),
  );
}

function serverTable(run: StormRun): string {
  const v = run.server;
  return table(
    ['server Node CPU % (mean / busiest s)', `mediasoup workers CPU % (${run.mediaWorkers}, mean / busiest s)`, 'event-loop lag p99 / max ms', 'main thread waiting for a CPU: total s / worst ms per s', 'RSS / peak MiB', 'warnings / errors logged'],
    [[
      `${pct(v.cpu)} / ${pct(v.cpuPeak)}`, `${pct(v.workersCpu)} / ${pct(v.workersCpuPeak)}`, `${ms(v.loopLagP99Ms)} / ${ms(v.loopLagMaxMs)}`,
      `${ms(v.runQueueWaitS)} / ${ms(v.runQueueWaitWorstMsPerS, 0)}`,
      `${mib(v.rssMiB)} / ${mib(v.peakRssMiB)}`, `${v.problems.filter((p) => p.level < 50).length} / ${v.problems.filter((p) => p.level >= 50).length}`,
    ]],
  );
}

function harnessTable(run: StormRun, s: Summary): string {
  const h = run.harness;
  return table(
    ['client processes', 'their CPU % (sum)', 'their main threads waiting for a CPU, worst ms per s', 'their loop delay p99 / max ms', 'latest start vs schedule ms', 'machine busy % before / during', 'last client done at s', 'chair saw joined', 'observer join ms'],
    [[
      String(run.processes), pct(h.clientsCpu), ms(h.runQueueWaitWorstMsPerS, 0), `${ms(h.loopDelayP99Ms)} / ${ms(h.loopDelayMaxMs)}`, ms(s.maxLateMs), `${pct(run.backgroundBusy)} / ${pct(h.machineBusy)}`, s.lastDoneSeconds.toFixed(1),
      String(run.room.chairSaw), ms(run.room.observerMs, 0),
    ]],
  );
}

function problemsList(run: StormRun, s: Summary): string {
  const lines: string[] = [];
  for (const [k, n] of s.failures) lines.push(`- failed: ${k} × ${n}`);
  const lost = run.results.filter((r) => !r.error && r.disconnect);
  for (const [k, n] of count(lost.map((r) => r.disconnect?.reason ?? ''))) {
    const first = Math.min(...lost.filter((r) => r.disconnect?.reason === k).map((r) => r.disconnect?.atMs ?? NaN)) / 1000;
    lines.push(`- disconnected after joining: ${k} × ${n} (the first ${first.toFixed(1)} s into the storm)`);
  }
  if (run.room.chairDisconnect) lines.push(`- the chair's socket closed: ${run.room.chairDisconnect}`);
  for (const [k, n] of s.otherErrors) lines.push(`- resuming another consumer failed: ${k} × ${n}`);
  for (const [k, n] of count(run.server.problems.map((p) => `${p.level >= 50 ? 'error' : 'warn'}: ${p.msg}${p.detail ? ` (${p.detail})` : ''}`))) lines.push(`- server log ${k} × ${n}`);
  if (run.server.exited) lines.push(`- the server exited during the run (code ${run.server.exited.code}, signal ${run.server.exited.signal})`);
  return lines.length ? lines.join('\n') : '- none: no failed join, no disconnection, no server warning or error.';
}

export function summaryTables(run: StormRun, s: Summary): string {
  return [resultTable(run, s), stepsTable(s), orderTable(s), serverTable(run), harnessTable(run, s), problemsList(run, s)].join('\n\n');
}

export function renderReport(run: StormRun, s: Summary): string {
  return `Measured on ${machineLine(run.machine)}.

**Goal** (issue): ${run.clients === 600 && run.overSeconds === 60 ? '' : `run here with ${run.clients} clients over ${run.overSeconds} s; the goal is `}600 signalling clients join one meeting within 60 s (join,
transports, consume the stage); p95 join time < 1 s on loopback. **${s.goalMet ? 'Met' : 'Not met'}**: p95 ${ms(s.join.p95, 0)} ms, ${s.failed} failed, ${run.room.finalParticipants} of ${s.expectedParticipants} participants in the room at the end.

**Method.** \`node bench/join-storm/run.ts\` seeds a fresh ${run.database === 'pglite' ? 'embedded PGlite database' : 'scratch database on the Postgres server'}
with the demo tree and ${run.clients} member accounts spread round-robin over its 579 communes and wards,
then starts the real server as a child process (\`bin/ecabinet.js serve\`, loopback, ${run.mediaWorkers} mediasoup
workers, \`LOG_LEVEL=warn\`). The city clerk schedules a meeting inviting the city with its subunits,
chaired by \`city.leader\`. Every account logs in over HTTP first (${run.loginSeconds.toFixed(1)} s for all; not part of the
join time). The chair joins from the benchmark's own process and produces a microphone and a
simulcast VP8 camera (RTP parameters made by hand, no WebRTC), so each newcomer has a stage to
consume. Then ${run.clients} socket.io clients (socket.io-client over WebSocket, no browser) start one every
${((run.overSeconds * 1000) / run.clients).toFixed(0)} ms, dealt round-robin over ${run.processes} forked client processes so their work does not share
the server's event loop nor pile 600 sockets onto one client loop. Each opens its socket (timed
apart: *connect*), then times from its first request to the acknowledgement of \`resumeConsumer\` for
the stage camera: \`getRouterRtpCapabilities\` → \`join\` → \`createTransport\` send → \`createTransport\`
recv → the \`consumerAdded\` notification of the stage camera → \`resumeConsumer\`. Other consumers (the
chair's microphone) are resumed too, untimed, as the room page does; clients stay in the room. A
request unanswered in ${run.timeoutMs / 1000} s counts as failed. Before the storm the benchmark waits for the
machine to be quiet (≤ 15% busy over 3 s; it was ${pct(run.backgroundBusy)}% at the last probe). Server CPU is read from \`/proc/<pid>/stat\` every
second (utime + stime, all threads, % of one core) for the Node process and its mediasoup worker
processes, and how long the main threads of the server and of the client processes were runnable but
waited for a CPU (\`/proc/<pid>/task/<pid>/schedstat\`): other work on the machine shows there. The event-loop lag comes from the server's own \`/metrics\` (prom-client, 10 ms
resolution), reset at the storm's start. After the last client, an observer (\`city.member\`) joins
and counts the participants its join answer lists besides itself: the chair and every storm
client, ${s.expectedParticipants} when nobody was lost. Clients, server and workers share the machine's CPUs, and on
loopback the kernel delivers every server write to its client socket largely inside the server's own
\`writev\`: the server's CPU here is higher than it would be with the clients on a network.

${resultTable(run, s)}

Per step (successful joins; *stage consumerAdded* is the wait after the receive transport's answer):

${stepsTable(s)}

By join order (the room grows from 1 to ${run.clients + 1}; CPU while each group was scheduled):

${orderTable(s)}

Server during the storm (${run.stormSeconds.toFixed(1)} s):

${serverTable(run)}

Harness:

${harnessTable(run, s)}

Failures and server log:

${problemsList(run, s)}`;
}
