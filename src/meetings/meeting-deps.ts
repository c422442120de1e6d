import type { Guard } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import type { Notifier } from '../notifications/index.ts';
import type { MeetingLifecycle } from './meeting-lifecycle.ts';

/**
 * The media rooms as meetings see them. Ending (or cancelling) a meeting closes its room on the
 * server, and everyone in it is told why ('meeting-ended'); realtime implements it over media.
 */
export interface MeetingRooms {
  endMeeting(meetingId: string): Promise<void>;
}

/** What the scheduling use cases are given (app.ts wires them; tests may pass fakes). */
export interface MeetingDeps {
  db: Db;
  notifier: Notifier;
  rooms: MeetingRooms;
  /** Listeners of ending and closing above meetings (the minutes); none in tests that need none. */
  lifecycle?: MeetingLifecycle;
}

export type MeetingRoutesOptions = MeetingDeps & { guard: Guard };
