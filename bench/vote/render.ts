// Figures, tables and the BENCHMARKS.md section of the vote benchmark.
import { machineLine, type Machine } from '../lib/machine.ts';
import { ms, percentile, table } from '../lib/stats.ts';
import type { VoteCounts } from '../../src/contract/votes.ts';
import type { LogEntry } from '../join-storm/server.ts';

export interface RoundResult {
  name: string;
  /** 'reference' rounds send a request that touches no database. */
  kind: 'reference' | 'vote';
  spreadMs: number;
  latenciesMs: number[];
  pushMs: number[];
  failures: Record<string, number>;
  /** The chair's openVote sent (or the probe started) → the last acknowledgement, s. */
  wallSeconds: number;
  /** Server (Node process) and mediasoup workers CPU over that span, % of one core. */
  serverCpu: number;
  workersCpu: number;
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  /** Vote rounds: what the voters cast, and what the frozen result says. */
  expected?: VoteCounts;
  result?: { counts: VoteCounts; cast: number; eligible: number };
  /** voteTally pushes the chair received for this vote (the throttle at work). */
  tallyPushes?: number;
  /** The last ballot acknowledged → the chair's live count showing every ballot, ms. */
  liveLagMs?: number;
  closeMs?: number;
}

export interface VoteRun {
  machine: Machine;
  voters: number;
  joined: number;
  processes: number;
  database: 'pglite' | 'postgres';
  backgroundBusy: number;
  rounds: RoundResult[];
  problems: LogEntry[];
}

const exact = (r: RoundResult): boolean =>
  r.kind === 'reference' ||
  (r.result !== undefined && r.expected !== undefined && r.result.cast === r.latenciesMs.length && ['yes', 'no', 'abstain'].every((k) => r.result?.counts[k as keyof VoteCounts] === r.expected?.[k as keyof VoteCounts]));

function roundsTable(run: VoteRun): string {
  return table(
    ['round', 'acks', 'failures', 'open → last ack, s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'server CPU %', 'workers CPU %', 'loop lag p99 / max ms'],
    run.rounds.map((r) => [
      r.name,
      String(r.latenciesMs.length),
      Object.entries(r.failures).map(([k, v]) => `${k} ×${v}`).join(', ') || '0',
      r.wallSeconds.toFixed(2),
      ms(percentile(r.latenciesMs, 50)),
      ms(percentile(r.latenciesMs, 95)),
      ms(percentile(r.latenciesMs, 99)),
      ms(Math.max(...r.latenciesMs)),
      r.serverCpu.toFixed(0),
      r.workersCpu.toFixed(0),
      `${ms(r.loopLagP99Ms)} / ${ms(r.loopLagMaxMs)}`,
    ]),
  );
}

function resultsTable(run: VoteRun): string {
  const votes = run.rounds.filter((r) => r.kind === 'vote');
  return table(
    ['round', 'cast (result)', 'yes / no / abstain (result)', 'yes / no / abstain (voters)', 'exact', 'voteOpened push p50 / p95 ms', 'chair tally pushes', 'last ack → chair sees all, ms', 'closeVote ms'],
    votes.map((r) => [
      r.name,
      String(r.result?.cast ?? 'n/a'),
      r.result ? `${r.result.counts.yes} / ${r.result.counts.no} / ${r.result.counts.abstain}` : 'n/a',
      r.expected ? `${r.expected.yes} / ${r.expected.no} / ${r.expected.abstain}` : 'n/a',
      exact(r) ? 'yes' : 'NO',
      `${ms(percentile(r.pushMs, 50))} / ${ms(percentile(r.pushMs, 95))}`,
      String(r.tallyPushes ?? 'n/a'),
      ms(r.liveLagMs ?? NaN, 0),
      ms(r.closeMs ?? NaN),
    ]),
  );
}

export function summaryTables(run: VoteRun): string {
  return `${roundsTable(run)}\n\n${resultsTable(run)}`;
}

export function renderReport(run: VoteRun): string {
  const vote = run.rounds.find((r) => r.kind === 'vote' && r.spreadMs === 0);
  const ref = run.rounds.find((r) => r.kind === 'reference');
  const goal = vote ? `${vote.wallSeconds < 10 && exact(vote) ? 'Met' : 'NOT met'}: ${vote.latenciesMs.length} ballots at once acknowledged ${vote.wallSeconds.toFixed(2)} s after the vote opened, count ${exact(vote) ? 'exact' : 'WRONG'}, p95 ballot ${ms(percentile(vote.latenciesMs, 95))} ms (reference round trip p95 ${ms(percentile(ref?.latenciesMs ?? [], 95))} ms)` : 'no vote round';
  return `Goal: a vote by ${run.voters} voters within 10 s, the count exact. ${goal}.

Machine: ${machineLine(run.machine)}; ${run.database === 'postgres' ? 'Postgres server' : 'embedded PGlite'}; ${run.machine.nproc} CPUs shared by the server, its mediasoup worker(s) and the ${run.processes} voter processes; machine ${run.backgroundBusy.toFixed(0)}% busy just before the rounds.

Method (\`npm run bench:vote\`, bench/vote/): the real server (\`ecabinet serve\`) as a child process on a fresh database with the demo seed and ${run.voters} member accounts spread over the 579 communes (sessions written in the database beforehand: no scrypt in the way); a city meeting inviting the whole city subtree, the chair (city.leader) joined over a socket; ${run.joined} voters, each a socket.io client in one of ${run.processes} child processes, joined the room first (untimed) so they are present, as a voter must be. Rounds, one after another on the same sockets: **reference** — every voter sends \`unwatchMeeting\` at once, a request the server answers without the database (the socket round trip under the same load); **secret, at once** — the chair opens a secret vote (one ballot per person) and every voter casts \`castBallot\` the moment its \`voteOpened\` push arrives (the worst case: everyone taps together); **open, over 5 s** — the same with an open vote, each voter waiting a uniform random 0–5 s first. Latency: request sent → acknowledgement, per ballot. "open → last ack": the chair's \`openVote\` sent → the last ballot acknowledged (including the push to 600 sockets). The chair's live count is pushed at most every 300 ms ("chair tally pushes"; "chair sees all": from the last acknowledgement to the live count showing every ballot). The chair then closes the vote; the frozen result must count exactly the ballots acknowledged, choice by choice (voter i chose yes/no/abstain by i mod 3). Server CPU from /proc over the round; event-loop lag from the server's /metrics.

${roundsTable(run)}

${resultsTable(run)}
${run.problems.length > 0 ? `\nServer warnings and errors during the run (${run.problems.length}): ${run.problems.slice(0, 5).map((p) => `${p.msg}${p.detail ? ` (${p.detail})` : ''}`).join('; ')}\n` : ''}`;
}
