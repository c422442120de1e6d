// Vote benchmark (not a test): node bench/vote/run.ts [--voters 600] [--processes 2]
// [--spread 5] [--timeout 30] [--database-url postgres://…] [--wait-quiet 120] [--dry-run].
// The goal it measures: a vote by 600 voters within 10 s, the count exact, with the ballot
// latency (p50/p95/p99) and the server's CPU. Prints the tables and, unless --dry-run, rewrites
// the "Vote (bench/vote)" section of BENCHMARKS.md. See bench/README.md.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Notification } from '../../src/contract/realtime.ts';
import type { VoteCounts } from '../../src/contract/votes.ts';
import { SignallingClient } from '../../test/helpers/signalling-client.ts';
import { prepareDatabase, scrapeLoopLag, startServerProcess } from '../join-storm/server.ts';
import { describeMachine } from '../lib/machine.ts';
import { cpuPercent, sampleCpu, waitForQuiet } from '../lib/measure.ts';
import { writeSection } from '../lib/report.ts';
import type { ChildVoter, FromChild, RoundReport, ToChild } from './messages.ts';
import { renderReport, summaryTables, type RoundResult, type VoteRun } from './render.ts';
import { createSessions } from './sessions.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
export const SECTION = 'Vote (bench/vote)';

const { values: args } = parseArgs({
  options: {
    voters: { type: 'string', default: '600' },
    processes: { type: 'string', default: '2' },
    spread: { type: 'string', default: '5' },
    timeout: { type: 'string', default: '30' },
    'database-url': { type: 'string' },
    'wait-quiet': { type: 'string', default: '120' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const num = (name: string, v: string | undefined, min: number): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}`);
  return n;
};
const voterCount = num('voters', args.voters, 1);
const processes = num('processes', args.processes, 1);
const spreadMs = num('spread', args.spread, 0) * 1000;
const timeoutMs = num('timeout', args.timeout, 1) * 1000;
const waitQuietSeconds = num('wait-quiet', args['wait-quiet'], 0);
const tStart = performance.now();
const log = (s: string) => process.stderr.write(`[${((performance.now() - tStart) / 1000).toFixed(1)} s] ${s}\n`);

const machine = describeMachine();
log(`preparing the database (${args['database-url'] ? 'Postgres' : 'PGlite'}) with ${voterCount} voters…`);
const db = await prepareDatabase(voterCount, args['database-url'], log);
const cleanups: (() => Promise<void> | void)[] = [() => db.drop()];
const children: ChildProcess[] = [];
const cleanUp = async () => {
  log('cleaning up…');
  for (const c of cleanups.splice(0)) await Promise.resolve(c()).catch((err: unknown) => log(`cleanup: ${String(err)}`));
};
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
try {
  const cookies = await createSessions(db, ['city.clerk', 'city.leader', ...db.usernames]);
  log('starting the server (bin/ecabinet.js serve)…');
  const server = await startServerProcess(db, { log });
  cleanups.unshift(() => server.stop());
  const serverPids = [server.pid];
  log(`server ${server.url}, pid ${server.pid}, mediasoup workers ${server.workerPids.join(', ')}`);

  const meetingId = await createMeeting(server.url, cookies.get('city.clerk') as string, db.cityUnitId, db.chairId);
  const chair = await SignallingClient.withCookie(server.url, cookies.get('city.leader') as string);
  cleanups.unshift(() => chair.close());
  await chair.joinMeeting(meetingId, 'bench chair');
  // When each of the chair's live counts arrived.
  const tallies: { voteId: string; cast: number; at: number }[] = [];
  chair.socket.on('notification', (n: Notification) => {
    if (n.method === 'voteTally') tallies.push({ voteId: n.data.voteId, cast: n.data.cast, at: Date.now() });
  });

  // Voter processes, voters dealt round-robin.
  const shares: ChildVoter[][] = Array.from({ length: processes }, () => []);
  db.usernames.forEach((username, index) => shares[index % processes]?.push({ index, cookie: cookies.get(username) as string }));
  const inbox: FromChild[][] = [];
  const waiters: (() => void)[] = [];
  await Promise.all(
    shares.map(async (_, i) => {
      const child = fork(new URL('./voter-child.ts', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.push(child);
      inbox[i] = [];
      child.on('message', (m: FromChild) => {
        inbox[i]?.push(m);
        for (const w of waiters.splice(0)) w();
      });
      child.once('exit', (code) => {
        if (code !== 0) log(`voter process ${i} exited (${code})`);
      });
      await nextFrom(i, 'ready');
    }),
  );
  cleanups.unshift(() => {
    for (const c of children) if (c.connected) c.send({ type: 'close' } satisfies ToChild);
  });
  const toAll = (m: ToChild) => children.forEach((c) => c.send(m));
  /** The next message of `type` from child `i` (waits for it). */
  async function nextFrom<T extends FromChild['type']>(i: number, type: T, deadlineMs = 300_000): Promise<Extract<FromChild, { type: T }>> {
    const until = Date.now() + deadlineMs;
    for (;;) {
      const box = inbox[i] ?? [];
      const at = box.findIndex((m) => m.type === type);
      if (at >= 0) return box.splice(at, 1)[0] as Extract<FromChild, { type: T }>;
      if (Date.now() > until) throw new Error(`voter process ${i}: no ${type} in time`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 1000);
      });
    }
  }
  const fromAll = <T extends FromChild['type']>(type: T) => Promise.all(children.map((_, i) => nextFrom(i, type)));

  log(`joining ${voterCount} voters to the meeting from ${processes} processes…`);
  children.forEach((c, i) => c.send({ type: 'join', url: server.url, meetingId, voters: shares[i] ?? [], timeoutMs } satisfies ToChild));
  const joins = await fromAll('joined');
  const joined = joins.reduce((n, j) => n + j.joined, 0);
  const joinFailures = joins.flatMap((j) => Object.entries(j.failures));
  log(`${joined} voters in the room${joinFailures.length ? `; join failures: ${JSON.stringify(joinFailures)}` : ''}`);

  const backgroundBusy = await waitForQuiet({ maxBusyPercent: 15, timeoutSeconds: waitQuietSeconds, probeSeconds: 3, log });
  const rounds: RoundResult[] = [];

  /** One round: CPU and loop lag around `start`, the children's reports merged. */
  const round = async (name: string, kind: RoundResult['kind'], spread: number, start: () => Promise<number>): Promise<{ result: RoundResult; reports: RoundReport[] }> => {
    log(`round: ${name}…`);
    await scrapeLoopLag(server.url); // resets the server's event-loop histogram
    const cpu0 = sampleCpu([...serverPids, ...server.workerPids]);
    const startedAt = await start();
    const reports = await fromAll('round');
    const cpu1 = sampleCpu([...serverPids, ...server.workerPids]);
    const lag = await scrapeLoopLag(server.url);
    const lastAck = Math.max(...reports.map((r) => r.lastAckAt));
    const failures: Record<string, number> = {};
    for (const r of reports) for (const [k, v] of Object.entries(r.failures)) failures[k] = (failures[k] ?? 0) + v;
    const result: RoundResult = {
      name,
      kind,
      spreadMs: spread,
      latenciesMs: reports.flatMap((r) => r.latenciesMs),
      pushMs: reports.flatMap((r) => r.pushMs),
      failures,
      wallSeconds: (lastAck - startedAt) / 1000,
      serverCpu: cpuPercent(cpu0, cpu1, serverPids),
      workersCpu: cpuPercent(cpu0, cpu1, server.workerPids),
      loopLagP99Ms: lag.p99Ms,
      loopLagMaxMs: lag.maxMs,
    };
    rounds.push(result);
    return { result, reports };
  };

  await round('reference: a round trip without the database, all at once', 'reference', 0, async () => {
    const at = Date.now();
    toAll({ type: 'probe', round: 'reference' });
    return at;
  });

  for (const [name, mode, spread] of [
    ['secret, at once', 'secret', 0],
    [`open, over ${spreadMs / 1000} s`, 'open', spreadMs],
  ] as const) {
    toAll({ type: 'arm', round: name, spreadMs: spread });
    await fromAll('armed');
    let voteId = '';
    const { result, reports } = await round(name, 'vote', spread, async () => {
      const at = Date.now();
      voteId = (await chair.ok('openVote', { meetingId, question: `Benchmark: ${name}?`, mode, eligibility: 'person' })).id;
      return at;
    });
    // The chair's live count catches up with the last ballot (a throttled push, read from the database).
    const acks = result.latenciesMs.length;
    const lastAck = Math.max(...reports.map((r) => r.lastAckAt));
    await chair.next('voteTally', (d) => d.voteId === voteId && d.cast === acks, 10_000).catch(() => undefined);
    const full = tallies.find((t) => t.voteId === voteId && t.cast === acks);
    result.liveLagMs = full ? full.at - lastAck : NaN;
    const tClose = performance.now();
    const closed = await chair.ok('closeVote', { voteId });
    result.closeMs = performance.now() - tClose;
    const expected: VoteCounts = { yes: 0, no: 0, abstain: 0 };
    for (const r of reports) for (const k of ['yes', 'no', 'abstain'] as const) expected[k] += r.cast[k];
    result.expected = expected;
    if (closed.result) result.result = { counts: closed.result.counts, cast: closed.result.cast, eligible: closed.result.eligible };
    result.tallyPushes = chair.notifications.filter((n) => n.method === 'voteTally' && n.data.voteId === voteId).length;
  }

  const run: VoteRun = { machine, voters: voterCount, joined, processes, database: db.kind, backgroundBusy, rounds, problems: server.problems };
  process.stdout.write(`\n${summaryTables(run)}\n`);
  if (!args['dry-run']) {
    await writeSection(join(ROOT, 'BENCHMARKS.md'), SECTION, renderReport(run));
    log('BENCHMARKS.md updated.');
  }
} finally {
  await cleanUp();
  await new Promise((r) => setTimeout(r, 200));
  for (const c of children) if (c.exitCode === null) c.kill();
}

/** A city meeting chaired by city.leader, inviting the whole city subtree, scheduled by the clerk. */
async function createMeeting(url: string, clerkCookie: string, cityUnitId: string, chairId: string): Promise<string> {
  const res = await fetch(`${url}/api/meetings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: clerkCookie },
    body: JSON.stringify({ title: 'Vote benchmark', startsAt: new Date(Date.now() + 3_600_000).toISOString(), invitedUnitIds: [cityUnitId], includeSubunits: true, chairId }),
  });
  if (res.status !== 201) throw new Error(`create meeting → ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
