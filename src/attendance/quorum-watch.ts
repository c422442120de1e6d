import type { Pusher } from '../contract/realtime.ts';
import type { Db } from '../db/index.ts';
import { liveState } from '../meetings/index.ts';
import { meetingQuorum } from './quorum.ts';

/**
 * Tells the chair the quorum when presence changes, at most once per `delayMs` per meeting: a
 * join storm of 600 sites makes one push a second, each computed from Postgres (so it is right
 * whichever node recorded the joins), not 600.
 */
export class QuorumWatch {
  readonly #db: Db;
  readonly #pusher: Pusher;
  readonly #delayMs: number;
  readonly #log: { warn(obj: object, msg: string): void };
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(o: { db: Db; pusher: Pusher; log: { warn(obj: object, msg: string): void }; delayMs?: number }) {
    this.#db = o.db;
    this.#pusher = o.pusher;
    this.#log = o.log;
    this.#delayMs = o.delayMs ?? 1000;
  }

  /** Someone joined or left `meetingId`: the chair hears of it within `delayMs`. */
  changed(meetingId: string): void {
    if (this.#timers.has(meetingId)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(meetingId);
      this.#push(meetingId).catch((err: unknown) => this.#log.warn({ err, meetingId }, 'quorum push failed'));
    }, this.#delayMs);
    timer.unref();
    this.#timers.set(meetingId, timer);
  }

  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  async #push(meetingId: string): Promise<void> {
    const [{ chairId }, quorum] = await Promise.all([liveState(this.#db, meetingId), meetingQuorum(this.#db, meetingId)]);
    this.#pusher.toUser(chairId, { method: 'attendanceUpdated', data: { meetingId, quorum } });
  }
}
