// The rooms of this node, one per live meeting. Opening and joining a room go through a queue
// per meeting, so two simultaneous first joins cannot make two rooms (or two routers).
import type { MediaWorkers } from './media-workers.ts';
import { Room, type RoomLimits } from './room.ts';
import type { MediaLog, RoomCloseReason, RoomFacts } from './types.ts';

export class Rooms {
  readonly #workers: MediaWorkers;
  readonly #limits: RoomLimits;
  readonly #log: Pick<MediaLog, 'warn' | 'error'>;
  readonly #rooms = new Map<string, Room>();
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(workers: MediaWorkers, limits: RoomLimits, log: Pick<MediaLog, 'warn' | 'error'>) {
    this.#workers = workers;
    this.#limits = limits;
    this.#log = log;
  }

  get(meetingId: string): Room | undefined {
    const room = this.#rooms.get(meetingId);
    return room && !room.closed ? room : undefined;
  }

  /** Rooms open on this node (a room closes itself when empty). */
  get count(): number {
    return this.#rooms.size;
  }

  /** Runs `fn` after every earlier call for the same meeting has settled. */
  exclusive<T>(meetingId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(meetingId) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => {});
    this.#queues.set(meetingId, tail);
    void tail.then(() => {
      if (this.#queues.get(meetingId) === tail) this.#queues.delete(meetingId);
    });
    return run;
  }

  /** The meeting's room, created from its facts when there is none. Call inside exclusive(). */
  async open(meetingId: string, facts: () => Promise<RoomFacts>): Promise<Room> {
    const existing = this.get(meetingId);
    if (existing) return existing;
    const room = await Room.create(await facts(), this.#workers, this.#limits, this.#log);
    this.#rooms.set(meetingId, room);
    room.once('closed', () => {
      if (this.#rooms.get(meetingId) === room) this.#rooms.delete(meetingId);
    });
    return room;
  }

  /** Closes every room, telling participants why. */
  close(reason?: RoomCloseReason): void {
    for (const room of [...this.#rooms.values()]) room.close(reason);
    this.#rooms.clear();
  }
}
