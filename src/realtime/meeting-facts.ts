// The facts of a meeting a signalling session reads and writes — invitation, admission,
// attendance, moderation — as a small port, so MeetingSession runs without a database in unit
// tests. meetingFacts(db) is the real one, over the meetings service.
import type { Principal } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import {
  admitParticipant,
  liveState,
  participantState,
  recordLeave,
  removeParticipant,
  setAllMuted,
  setLocked,
  setMuted,
  assertInvited,
  setStage,
} from '../meetings/index.ts';
import type { RoomFacts } from '../media/index.ts';

export interface MeetingFacts {
  /** Refuses (meeting.not_found, meeting.not_invited) unless `principal` is invited. */
  assertInvited(principal: Principal, meetingId: string): Promise<void>;
  /** Admits or refuses (removed, locked, ended) and records the attendance. */
  admit(meetingId: string, userId: string, device: string | undefined): Promise<{ muted: boolean }>;
  /** What a room of the meeting is built from. */
  liveState(meetingId: string): Promise<RoomFacts>;
  /** Whether `userId` ever joined the meeting (and so may be moderated while away). */
  isParticipant(meetingId: string, userId: string): Promise<boolean>;
  recordLeave(meetingId: string, userId: string): Promise<void>;
  /** Returns the users whose state is now `muted`: none when no such participant. */
  setMuted(meetingId: string, userIds: readonly string[], muted: boolean): Promise<string[]>;
  /** Mute-all (or its end); returns the participants it applies to (everyone but the chair). */
  setAllMuted(meetingId: string, muted: boolean): Promise<string[]>;
  remove(meetingId: string, userId: string): Promise<void>;
  setLocked(meetingId: string, locked: boolean): Promise<void>;
  setStage(meetingId: string, userId: string | null): Promise<void>;
}

export function meetingFacts(db: Db): MeetingFacts {
  return {
    assertInvited: async (principal, meetingId) => {
      await assertInvited(db, principal, meetingId);
    },
    admit: async (meetingId, userId, device) => ({ muted: (await admitParticipant(db, meetingId, userId, device)).muted }),
    liveState: async (meetingId) => {
      const s = await liveState(db, meetingId);
      return { meetingId, chairId: s.chairId, stageUserId: s.stageUserId, locked: s.locked, allMuted: s.allMuted };
    },
    isParticipant: async (meetingId, userId) => (await participantState(db, meetingId, userId)) !== undefined,
    recordLeave: (meetingId, userId) => recordLeave(db, meetingId, userId),
    setMuted: (meetingId, userIds, muted) => setMuted(db, meetingId, userIds, muted),
    setAllMuted: (meetingId, muted) => setAllMuted(db, meetingId, muted),
    remove: (meetingId, userId) => removeParticipant(db, meetingId, userId),
    setLocked: (meetingId, locked) => setLocked(db, meetingId, locked),
    setStage: (meetingId, userId) => setStage(db, meetingId, userId),
  };
}
