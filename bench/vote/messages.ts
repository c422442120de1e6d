// What the vote benchmark (run.ts) and its voter processes (voter-child.ts) say to each other
// over the fork IPC channel. Times that cross processes are epoch ms (Date.now()), the one clock
// they share; durations inside a process are performance.now() differences.
import type { VoteChoice } from '../../src/contract/votes.ts';

export interface ChildVoter {
  /** 0-based, over all voters: the choice is VOTE_CHOICES[index % 3], so the counts are known. */
  index: number;
  /** `ecabinet_session=…` */
  cookie: string;
}

export type ToChild =
  /** Connect every voter's socket and join the meeting (untimed). */
  | { type: 'join'; url: string; meetingId: string; voters: ChildVoter[]; timeoutMs: number }
  /** The reference: every voter sends one request that touches no database, all at once. */
  | { type: 'probe'; round: string }
  /**
   * Arm a round: on the `voteOpened` push, each voter waits a uniform random delay in
   * [0, spreadMs) — people pressing a button — then casts its ballot, timed to the ack.
   */
  | { type: 'arm'; round: string; spreadMs: number }
  | { type: 'close' };

export interface RoundReport {
  type: 'round';
  round: string;
  /** Ballot (or probe) latency: request sent → acknowledged, ms, one per voter that got an answer. */
  latenciesMs: number[];
  /** voteOpened push: the chair's openVote sent → received here, ms (epoch clocks of one machine). */
  pushMs: number[];
  /** Failures by code (timeout, disconnected, a catalogue code). */
  failures: Record<string, number>;
  /** The choices cast, to check the result against. */
  cast: Record<VoteChoice, number>;
  /** Epoch ms of this process's first request sent and last ack received. */
  firstSentAt: number;
  lastAckAt: number;
  cpuSeconds: number;
}

export type FromChild =
  | { type: 'ready' }
  | { type: 'joined'; joined: number; failures: Record<string, number> }
  | { type: 'armed'; round: string }
  | RoundReport;
