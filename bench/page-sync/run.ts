// Page-sync benchmark (not a test): node bench/page-sync/run.ts [--clients 600] [--processes 2]
// [--turns 40] [--warmup 5] [--interval 500] [--timeout 30] [--database-url postgres://…]
// [--wait-quiet 120] [--dry-run].
// The goal it measures (issue 10.11): the presenter's page reaches 600 socket clients watching
// one meeting with p95 delivery < 200 ms on loopback, beside socket.io alone as the reference.
// Prints the table and, unless --dry-run, rewrites the "Page sync (bench/page-sync)" section of
// BENCHMARKS.md. See bench/README.md.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { io } from 'socket.io-client';
import type { DocumentStored } from '../../src/contract/documents.ts';
import type { PresentationState } from '../../src/contract/presentation.ts';
import type { Ack } from '../../src/contract/realtime.ts';
import { SignallingClient } from '../../test/helpers/signalling-client.ts';
import { PASSWORD, prepareDatabase, startServerProcess } from '../join-storm/server.ts';
import { describeMachine } from '../lib/machine.ts';
import { cpuPercent, sampleCpu, waitForQuiet } from '../lib/measure.ts';
import { writeSection } from '../lib/report.ts';
import { renderReport, summaryTable, type ContenderRun, type PageSyncReport, type Turn } from './render.ts';
import { WatcherProcesses } from './watchers.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SECTION = 'Page sync (bench/page-sync)';
const GOAL_P95_MS = 200;
const PAGES = 20;

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '600' },
    processes: { type: 'string', default: '2' },
    turns: { type: 'string', default: '40' },
    warmup: { type: 'string', default: '5' },
    interval: { type: 'string', default: '500' },
    timeout: { type: 'string', default: '30' },
    'database-url': { type: 'string' },
    'wait-quiet': { type: 'string', default: '120' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const num = (name: string, v: string | undefined, min: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return n;
};
const clients = num('clients', args.clients, 1);
const processes = num('processes', args.processes, 1);
const turns = num('turns', args.turns, 1);
const warmup = num('warmup', args.warmup, 0);
const intervalMs = num('interval', args.interval, 1);
const timeoutMs = num('timeout', args.timeout, 1) * 1000;
const waitQuietSeconds = num('wait-quiet', args['wait-quiet'], 0);
const tStart = performance.now();
const log = (s: string) => process.stderr.write(`[${((performance.now() - tStart) / 1000).toFixed(1)} s] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

/** Whoever turns the pages: the chair's signalling socket, or a bare socket.io client. */
type Presenter = (page: number) => Promise<{ revision: number }>;

const machine = describeMachine();
log(`preparing the database (${args['database-url'] ? 'Postgres' : 'PGlite'}) with ${clients} accounts…`);
const db = await prepareDatabase(clients, args['database-url'], log);
const cleanups: (() => Promise<void> | void)[] = [() => db.drop()];
const cleanUp = async () => {
  for (const c of cleanups.splice(0)) await Promise.resolve(c()).catch((err: unknown) => log(`cleanup: ${String(err)}`));
};
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
try {
  const watchers = await WatcherProcesses.start(processes);
  cleanups.unshift(() => watchers.stop());

  // ecabinet: the real server, a live meeting with a document, the chair presenting.
  log('starting the server (bin/ecabinet.js serve)…');
  const server = await startServerProcess(db, { log });
  cleanups.unshift(() => server.stop());
  const cookies = await loginAll(server.url, ['city.clerk', 'city.leader', ...db.usernames]);
  log(`${cookies.size} logins`);
  const meetingId = await createMeeting(server.url, cookies.get('city.clerk') as string, db.cityUnitId, db.chairId);
  const document = await uploadDocument(server.url, cookies.get('city.clerk') as string, meetingId);
  const chair = await SignallingClient.withCookie(server.url, cookies.get('city.leader') as string);
  cleanups.unshift(() => chair.close());
  await chair.joinMeeting(meetingId, 'bench chair');
  const ours: Presenter = async (page) => chair.ok('present', { meetingId, documentId: document.id, version: document.version, page });
  const oursRun = await contender('ecabinet (present → Postgres → push)', server.url, server.pid, meetingId, db.usernames.map((u, index) => ({ index, cookie: cookies.get(u) as string })), ours);

  // The reference: socket.io alone.
  const bare = await startBareServer();
  cleanups.unshift(() => bare.stop());
  const presenterSocket = io(bare.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true });
  cleanups.unshift(() => void presenterSocket.disconnect());
  await new Promise<void>((resolve) => presenterSocket.once('connect', () => resolve()));
  const bareAsk = async (method: string, data: Record<string, unknown>): Promise<PresentationState> => {
    const ack = (await presenterSocket.timeout(timeoutMs).emitWithAck('request', { method, data })) as Ack<PresentationState>;
    if (!ack.ok) throw new Error(`${method}: ${ack.error.code}`);
    return ack.data;
  };
  await bareAsk('join', { meetingId });
  const reference: Presenter = (page) => bareAsk('present', { meetingId, documentId: document.id, version: document.version, page });
  const referenceRun = await contender('reference: socket.io alone', bare.url, bare.pid, meetingId, db.usernames.map((_, index) => ({ index })), reference);

  const report: PageSyncReport = {
    machine,
    clients,
    processes,
    turns,
    warmup,
    intervalMs,
    database: db.kind,
    backgroundBusy: oursRun.backgroundBusy,
    goalP95Ms: GOAL_P95_MS,
    runs: [oursRun.run, referenceRun.run],
    serverProblems: server.problems.map((p) => [p.msg, p.detail].filter(Boolean).join(': ')),
  };
  process.stdout.write(`\n${summaryTable(report)}\n`);
  if (!args['dry-run']) {
    await writeSection(join(ROOT, 'BENCHMARKS.md'), SECTION, renderReport(report));
    log('BENCHMARKS.md updated.');
  }

  /** Connects every watcher to `url`, waits for a quiet machine, turns the pages, collects. */
  async function contender(name: string, url: string, serverPid: number, id: string, who: { index: number; cookie?: string }[], present: Presenter) {
    log(`${name}: connecting ${who.length} watchers…`);
    const connectFailures = await watchers.connect(url, id, who, timeoutMs);
    if (connectFailures.length) log(`  ${connectFailures.length} could not connect: ${connectFailures[0]}`);
    const backgroundBusy = await waitForQuiet({ maxBusyPercent: 15, timeoutSeconds: waitQuietSeconds, probeSeconds: 3, log });
    log(`${name}: ${warmup} + ${turns} page turns every ${intervalMs} ms…`);
    const done: Turn[] = [];
    let cpuFrom = sampleCpu([serverPid]);
    for (let i = 0; i < warmup + turns; i++) {
      if (i === warmup) cpuFrom = sampleCpu([serverPid]);
      const sentAt = now();
      const { revision } = await present((i % PAGES) + 1);
      const ackMs = now() - sentAt;
      if (i >= warmup) done.push({ revision, sentAt, ackMs });
      await sleep(Math.max(0, intervalMs - (now() - sentAt)));
    }
    const serverCpu = cpuPercent(cpuFrom, sampleCpu([serverPid]), [serverPid]);
    await sleep(1000); // the last deliveries
    const received = await watchers.report();
    await watchers.disconnect();
    const run: ContenderRun = {
      name,
      turns: done,
      receipts: received.receipts,
      clients: who.length,
      connectFailures,
      disconnects: received.disconnects,
      serverCpu,
      harnessLoopDelayMaxMs: received.loopDelayMaxMs,
    };
    return { run, backgroundBusy };
  }
} finally {
  await cleanUp();
}

/** Logs every account in (8 at a time) and returns the session cookies by username. */
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

/** A city-wide meeting chaired by city.leader, scheduled by the clerk. */
async function createMeeting(url: string, clerkCookie: string, cityUnitId: string, chairId: string): Promise<string> {
  const res = await fetch(`${url}/api/meetings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: clerkCookie },
    body: JSON.stringify({ title: 'Page-sync benchmark', startsAt: new Date(Date.now() + 3_600_000).toISOString(), invitedUnitIds: [cityUnitId], includeSubunits: true, chairId }),
  });
  if (res.status !== 201) throw new Error(`create meeting → ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** A 20-page PDF attached to the meeting (what the chair presents). */
async function uploadDocument(url: string, clerkCookie: string, meetingId: string): Promise<DocumentStored> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= PAGES; i++) pdf.addPage([595, 842]).drawText(`Page ${i}`, { x: 60, y: 760, size: 28, font });
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await pdf.save())], { type: 'application/pdf' }), 'page-sync.pdf');
  const res = await fetch(`${url}/api/meetings/${meetingId}/documents`, { method: 'POST', body: form, headers: { cookie: clerkCookie } });
  if (res.status !== 201) throw new Error(`upload → ${res.status}: ${await res.text()}`);
  return (await res.json()) as DocumentStored;
}

/** socket.io alone (bare-server.ts) in a child process; resolves with its URL once it listens. */
async function startBareServer(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [new URL('./bare-server.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    if (!child.stdout) return reject(new Error('no stdout'));
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port.trim()}`,
    pid: child.pid ?? -1,
    stop: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
