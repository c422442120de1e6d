import type { Pusher } from '../contract/realtime.ts';
import type { Db } from '../db/index.ts';
import { liveState } from '../meetings/index.ts';
import { getVoteRow, liveTally } from './vote-views.ts';

/**
 * The chair's live count, pushed at most once per `intervalMs` per vote: 600 ballots in a few
 * seconds make a handful of pushes to one person, each counted afresh in Postgres (so ballots
 * recorded by any node are in it), not one per ballot and never one per ballot per participant.
 */
export class LiveTallies {
  readonly #db: Db;
  readonly #pusher: Pusher;
  readonly #intervalMs: number;
  readonly #log: { warn(obj: object, msg: string): void };
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(o: { db: Db; pusher: Pusher; log: { warn(obj: object, msg: string): void }; intervalMs?: number }) {
    this.#db = o.db;
    this.#pusher = o.pusher;
    this.#log = o.log;
    this.#intervalMs = o.intervalMs ?? 300;
  }

  /** A ballot of `voteId` was cast: the chair hears within `intervalMs`. */
  changed(voteId: string): void {
    if (this.#timers.has(voteId)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(voteId);
      this.#push(voteId).catch((err: unknown) => this.#log.warn({ err, voteId }, 'live tally push failed'));
    }, this.#intervalMs);
    timer.unref();
    this.#timers.set(voteId, timer);
  }

  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  async #push(voteId: string): Promise<void> {
    const vote = await getVoteRow(this.#db, voteId);
    if (vote.status !== 'open') return; // the close told everyone the result
    const [{ chairId }, tally] = await Promise.all([liveState(this.#db, vote.meetingId), liveTally(this.#db, vote)]);
    this.#pusher.toUser(chairId, { method: 'voteTally', data: tally });
  }
}
