// Join-storm benchmark (not a test): node bench/join-storm/run.ts [--clients 600] [--over 60]
// [--processes 2] [--timeout 30] [--media-workers N] [--database-url postgres://…] [--wait-quiet 300]
// [--dry-run].
// The goal it measures: 600 signalling clients join one meeting within 60 s (join, transports,
// consume the stage), p95 join time < 1 s on loopback. Prints the tables and, unless --dry-run,
// rewrites the "Join storm (bench/join-storm)" section of BENCHMARKS.md. See bench/README.md.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fakeRtpParameters, SignallingClient } from '../../test/helpers/signalling-client.ts';
import { describeMachine } from '../lib/machine.ts';
import { cpuPercent, machineBusyPercent, sampleCpu, sampleMachineCpu, type CpuSample, type MachineCpuSample } from '../lib/measure.ts';
import { writeSection } from '../lib/report.ts';
import type { ChildClient, ClientResult, FromChild, ToChild } from './messages.ts';
import { orderBuckets, renderReport, summarise, summaryTables, type CpuWindow, type StormRun } from './render.ts';
import { memoryMiB, PASSWORD, prepareDatabase, scrapeLoopLag, startServerProcess, threadSched } from './server.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
export const SECTION = 'Join storm (bench/join-storm)';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '600' },
    over: { type: 'string', default: '60' },
    processes: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '30' },
    'media-workers': { type: 'string' },
    'database-url': { type: 'string' },
    'wait-quiet': { type: 'string', default: '300' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const num = (name: string, v: string | undefined, min: number, integer = true): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}`);
  return n;
};
const clientCount = num('clients', args.clients, 1);
const overSeconds = num('over', args.over, 0, false);
const processes = num('processes', args.processes, 1);
const timeoutMs = num('timeout', args.timeout, 1, false) * 1000;
const mediaWorkers = args['media-workers'] === undefined ? undefined : num('media-workers', args['media-workers'], 1);
const waitQuietSeconds = num('wait-quiet', args['wait-quiet'], 0, false);
const tStart = performance.now();
const log = (s: string) => process.stderr.write(`[${((performance.now() - tStart) / 1000).toFixed(1)} s] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const machine = describeMachine();
log(`preparing the database (${args['database-url'] ? 'Postgres' : 'PGlite'}) with ${clientCount} accounts…`);
const db = await prepareDatabase(clientCount, args['database-url'], log);
const cleanups: (() => Promise<void> | void)[] = [() => db.drop()];
const children: ChildProcess[] = [];
const cleanUp = async () => {
  log('cleaning up…');
  for (const c of cleanups.splice(0)) await Promise.resolve(c()).catch((err: unknown) => log(`cleanup: ${String(err)}`));
};
// Ctrl-C: still stop the server and drop the scratch database.
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
try {
  log('starting the server (bin/ecabinet.js serve)…');
  const server = await startServerProcess(db, { mediaWorkers, log });
  cleanups.unshift(() => server.stop());
  log(`server ${server.url}, pid ${server.pid}, mediasoup workers ${server.workerPids.join(', ')}`);

  // Logins first: not part of the join time (each account logs in once; scrypt on the server).
  const tLogin = performance.now();
  const cookies = await loginAll(server.url, ['city.clerk', 'city.leader', 'city.member', ...db.usernames]);
  const loginSeconds = (performance.now() - tLogin) / 1000;
  log(`${db.usernames.length + 3} logins in ${loginSeconds.toFixed(1)} s`);

  let t0 = Number.NaN;
  const meetingId = await createMeeting(server.url, cookies.get('city.clerk') as string, db.cityUnitId, db.chairId);

  // The chair joins first and sends a microphone and a simulcast camera: the stage to consume.
  const chair = await SignallingClient.withCookie(server.url, cookies.get('city.leader') as string);
  cleanups.unshift(() => chair.close());
  let chairDisconnect: string | undefined;
  chair.socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return; // our own cleanup
    chairDisconnect ??= `${reason}, ${((Date.now() - t0) / 1000).toFixed(1)} s into the storm`;
    log(`the chair's socket closed: ${reason}`);
  });
  const chairJoin = await chair.joinMeeting(meetingId, 'bench chair');
  await chair.ok('produce', { transportId: chairJoin.send.id, kind: 'audio', source: 'mic', rtpParameters: fakeRtpParameters('audio') });
  await chair.ok('produce', { transportId: chairJoin.send.id, kind: 'video', source: 'camera', rtpParameters: fakeRtpParameters('video') });

  // Client processes, clients dealt round-robin: client i starts at i × over / clients.
  const spacingMs = clientCount > 1 ? (overSeconds * 1000) / clientCount : 0;
  const shares: ChildClient[][] = Array.from({ length: processes }, () => []);
  db.usernames.forEach((username, index) => {
    shares[index % processes]?.push({ index, username, cookie: cookies.get(username) as string, offsetMs: index * spacingMs });
  });
  const done: Promise<Extract<FromChild, { type: 'done' }>>[] = [];
  await Promise.all(
    shares.map(async () => {
      const child = fork(new URL('./client-child.ts', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.push(child);
      await new Promise<void>((resolve, reject) => {
        child.once('message', (m: FromChild) => (m.type === 'ready' ? resolve() : reject(new Error('client process: unexpected message'))));
        child.once('exit', (code) => reject(new Error(`client process exited (${code})`)));
      });
      done.push(
        new Promise((resolve, reject) => {
          child.on('message', (m: FromChild) => m.type === 'done' && resolve(m));
          child.once('exit', (code) => reject(new Error(`client process exited (${code}) before reporting`)));
        }),
      );
    }),
  );
  cleanups.unshift(() => {
    for (const c of children) if (c.connected) c.send({ type: 'close' } satisfies ToChild);
  });

  // Another benchmark or a test run on the machine would compete for its CPUs: wait for quiet.
  const backgroundBusy = await waitForQuiet(waitQuietSeconds, log);

  // The storm, sampled every second: server (Node process, mediasoup workers), clients, machine.
  t0 = Date.now() + 1500;
  children.forEach((c, i) => c.send({ type: 'start', url: server.url, meetingId, t0, timeoutMs, clients: shares[i] ?? [] } satisfies ToChild));
  log(`storm: ${clientCount} clients over ${overSeconds} s from ${processes} processes…`);
  await sleep(t0 - Date.now());
  await scrapeLoopLag(server.url); // resets the server's event-loop histogram at the storm's start
  const pids = { server: [server.pid], workers: server.workerPids, clients: children.map((c) => c.pid ?? -1) };
  const all = [...pids.server, ...pids.workers, ...pids.clients];
  type Sched = { cpu: number; wait: number };
  type Point = { atMs: number; cpu: CpuSample; machine: MachineCpuSample; serverSched: Sched; clientSched: Sched[] };
  const sample = (): Point => ({
    atMs: Date.now() - t0,
    cpu: sampleCpu(all),
    machine: sampleMachineCpu(),
    serverSched: threadSched(server.pid),
    clientSched: pids.clients.map((pid) => threadSched(pid)),
  });
  const samples: Point[] = [sample()];
  let finished = false;
  const progress = (async () => {
    while (!finished) {
      await sleep(1000);
      samples.push(sample());
      const [a, b] = samples.slice(-2) as [Point, Point];
      if (Math.round(b.atMs / 1000) % 10 === 0) log(`  t=${(b.atMs / 1000).toFixed(0)} s, server ${cpuPercent(a.cpu, b.cpu, pids.server).toFixed(0)}% CPU, machine ${machineBusyPercent(a.machine, b.machine).toFixed(0)}% busy`);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the storm did not finish in time')), overSeconds * 1000 + timeoutMs * 7 + 30_000);
  });
  const reports = await Promise.race([Promise.all(done), deadline]).finally(() => clearTimeout(timer));
  finished = true;
  await progress;
  samples.push(sample());
  const lag = await scrapeLoopLag(server.url);
  const memory = memoryMiB(server.pid);
  const results: ClientResult[] = reports.flatMap((r) => r.results).sort((a, b) => a.index - b.index);

  // What the room holds now: the chair's notifications, then one more participant's view.
  const chairSaw = chair.notifications.filter((n) => n.method === 'participantJoined').length - chair.notifications.filter((n) => n.method === 'participantLeft').length;
  const observer = await SignallingClient.withCookie(server.url, cookies.get('city.member') as string);
  cleanups.unshift(() => observer.close());
  const tObserver = performance.now();
  const observed = await observer.joinMeeting(meetingId, 'bench observer');
  const observerMs = performance.now() - tObserver;
  const finalParticipants = observed.joined.participants.length - 1; // without the observer itself

  const first = samples[0] as Point;
  const last = samples.at(-1) as Point;
  const perSecond = (pidList: number[]) => samples.slice(1).flatMap((s, i) => (s.atMs - (samples[i] as Point).atMs < 500 ? [] : [cpuPercent((samples[i] as Point).cpu, s.cpu, pidList)]));
  /** Share of the wall time the server's main thread spent runnable but waiting for a CPU, %. */
  const waitPercent = (a: Point, b: Point) => ((b.serverSched.wait - a.serverSched.wait) / ((b.atMs - a.atMs) / 1000)) * 100;
  const worstSecond = (wait: (p: Point) => number) =>
    Math.max(
      ...samples.slice(1).flatMap((p, i) => {
        const prev = samples[i] as Point;
        return p.atMs - prev.atMs < 500 ? [] : [((wait(p) - wait(prev)) / ((p.atMs - prev.atMs) / 1000)) * 1000];
      }),
    );
  /** CPU between the samples nearest a window of the storm (the clients scheduled in it). */
  const cpuWindow = (fromMs: number, toMs: number): CpuWindow | undefined => {
    const inside = samples.filter((s) => s.atMs >= fromMs - 500 && s.atMs <= toMs + 500);
    const a = inside[0];
    const b = inside.at(-1);
    if (!a || !b || a === b) return undefined;
    return {
      serverWait: waitPercent(a, b),
      server: cpuPercent(a.cpu, b.cpu, pids.server),
      workers: cpuPercent(a.cpu, b.cpu, pids.workers),
      clients: cpuPercent(a.cpu, b.cpu, pids.clients),
      machineBusy: machineBusyPercent(a.machine, b.machine),
    };
  };
  const run: StormRun = {
    machine,
    clients: clientCount,
    overSeconds,
    processes,
    timeoutMs,
    database: db.kind,
    mediaWorkers: pids.workers.length,
    loginSeconds,
    backgroundBusy,
    results,
    stormSeconds: (last.cpu.at - first.cpu.at) / 1000,
    windows: orderBuckets(clientCount).map(({ from, to }) => cpuWindow(from * spacingMs, to >= clientCount ? Infinity : to * spacingMs)),
    server: {
      cpu: cpuPercent(first.cpu, last.cpu, pids.server),
      cpuPeak: Math.max(...perSecond(pids.server)),
      workersCpu: cpuPercent(first.cpu, last.cpu, pids.workers),
      workersCpuPeak: Math.max(...perSecond(pids.workers)),
      runQueueWaitS: last.serverSched.wait - first.serverSched.wait,
      runQueueWaitWorstMsPerS: worstSecond((p) => p.serverSched.wait),
      loopLagP99Ms: lag.p99Ms,
      loopLagMaxMs: lag.maxMs,
      rssMiB: memory.rss,
      peakRssMiB: memory.peak,
      problems: server.problems,
      exited: server.exited,
    },
    harness: {
      clientsCpu: cpuPercent(first.cpu, last.cpu, pids.clients),
      runQueueWaitWorstMsPerS: Math.max(...pids.clients.map((_, i) => worstSecond((p) => p.clientSched[i]?.wait ?? NaN))),
      loopDelayMaxMs: Math.max(...reports.map((r) => r.loopDelayMaxMs)),
      loopDelayP99Ms: Math.max(...reports.map((r) => r.loopDelayP99Ms)),
      machineBusy: machineBusyPercent(first.machine, last.machine),
    },
    room: { finalParticipants, chairSaw, observerMs, chairDisconnect },
  };
  const summary = summarise(run);
  process.stdout.write(`\n${summaryTables(run, summary)}\n`);
  if (!args['dry-run']) {
    await writeSection(join(ROOT, 'BENCHMARKS.md'), SECTION, renderReport(run, summary));
    log('BENCHMARKS.md updated.');
  }
} finally {
  await cleanUp();
  await sleep(200);
  for (const c of children) if (c.exitCode === null) c.kill();
}

/** Logs every account in (8 at a time; the demo accounts were seeded with the same password) and returns the session cookies by username. */
async function loginAll(url: string, usernames: string[]): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < usernames.length) {
      const username = usernames[next++] as string;
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login ${username} → ${res.status}: ${await res.text()}`);
      const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('ecabinet_session='));
      if (!cookie) throw new Error(`login ${username}: no session cookie`);
      cookies.set(username, cookie);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return cookies;
}

/** A city meeting chaired by city.leader, inviting the whole city subtree, scheduled by the clerk. */
async function createMeeting(url: string, clerkCookie: string, cityUnitId: string, chairId: string): Promise<string> {
  const res = await fetch(`${url}/api/meetings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: clerkCookie },
    body: JSON.stringify({
      title: 'Join storm benchmark',
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      invitedUnitIds: [cityUnitId],
      includeSubunits: true,
      chairId,
    }),
  });
  if (res.status !== 201) throw new Error(`create meeting → ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Waits (up to `timeoutSeconds`) until the machine is at most 15% busy over a 3 s probe while
 * we run nothing; returns the last probe's figure, quiet or not.
 */
async function waitForQuiet(timeoutSeconds: number, log: (s: string) => void): Promise<number> {
  const until = performance.now() + timeoutSeconds * 1000;
  for (;;) {
    const a = sampleMachineCpu();
    await sleep(3000);
    const busy = machineBusyPercent(a, sampleMachineCpu());
    if (busy <= 15 || performance.now() >= until) return busy;
    log(`machine ${busy.toFixed(0)}% busy before the storm: waiting for it to quieten…`);
  }
}
