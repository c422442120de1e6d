// The floor as the meeting sees it: each change written in Postgres (floor/ moves the stage and
// the mutes in the same transaction), then mirrored onto this node's media room — the holder on
// stage and heard alone with the chair — then pushed to the meeting's audience. One change per
// meeting at a time on this node, so the room follows the database in the order it changed.
import type { FloorState } from '../contract/floor.ts';
import type { Pusher } from '../contract/realtime.ts';
import type { Db } from '../db/index.ts';
import { changeFloor, floorState, type FloorAction } from '../floor/index.ts';

/** What the desk needs of the media rooms: media's Rooms fits. */
export interface FloorRooms {
  exclusive<T>(meetingId: string, fn: () => Promise<T>): Promise<T>;
  get(meetingId: string): { setFloor(userId: string | null): void; setMuted(userId: string, muted: boolean): Promise<void> } | undefined;
}

export class FloorDesk {
  readonly #db: Db;
  readonly #rooms: FloorRooms;
  readonly #pusher: Pusher;

  constructor(o: { db: Db; rooms: FloorRooms; pusher: Pusher }) {
    this.#db = o.db;
    this.#rooms = o.rooms;
    this.#pusher = o.pusher;
  }

  /** Applies `action` (by `by`, from `unitId` when raising) and answers the floor after it. */
  change(meetingId: string, action: FloorAction, o: { unitId?: string; by?: string } = {}): Promise<FloorState> {
    return this.#rooms.exclusive(meetingId, async () => {
      const change = await changeFloor(this.#db, { meetingId, action, ...o });
      const room = this.#rooms.get(meetingId);
      if (room) {
        // Heard before on stage: the holder's first words are not cut.
        for (const userId of change.unmuted) await room.setMuted(userId, false);
        for (const userId of change.muted) await room.setMuted(userId, true);
        if (change.holderAfter !== change.holderBefore) room.setFloor(change.holderAfter);
      }
      const state = await floorState(this.#db, meetingId);
      if (change.raise || change.grant || change.end.length > 0) this.#pusher.toMeeting(meetingId, { method: 'floorUpdated', data: state });
      return state;
    });
  }

  read(meetingId: string): Promise<FloorState> {
    return floorState(this.#db, meetingId);
  }
}
