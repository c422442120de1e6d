// The facts of a meeting a signalling session reads and writes — invitation, admission,
// attendance, moderation — as a small port, so MeetingSession runs without a database in unit
// tests. meetingFacts(db) is the real one, over the meetings, attendance and floor services.
import { closeAttendance, openAttendance } from '../attendance/index.ts';
import type { Principal } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { currentHolder } from '../floor/index.ts';
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
  admit(meetingId: string, who: { userId: string; unitId: string }, device: string | undefined): Promise<{ muted: boolean }>;
  /** What a room of the meeting is built from. */
  liveState(meetingId: string): Promise<RoomFacts>;
  /** Whether `userId` ever joined the meeting (and so may be moderated while away). */
  isParticipant(meetingId: string, userId: string): Promise<boolean>;
  /** The participant left at `at` (for a lost connection: when it was lost, not when the grace ran out). */
  recordLeave(meetingId: string, userId: string, at?: Date): Promise<void>;
  /** Returns the users whose state is now `muted`: none when no such participant. */
  setMuted(meetingId: string, userIds: readonly string[], muted: boolean): Promise<string[]>;
  /** Mute-all (or its end); returns the participants it applies to (everyone but the chair). */
  setAllMuted(meetingId: string, muted: boolean): Promise<string[]>;
  remove(meetingId: string, userId: string): Promise<void>;
  setLocked(meetingId: string, locked: boolean): Promise<void>;
  setStage(meetingId: string, userId: string | null): Promise<void>;
}

/** What happens after presence changed (the quorum push, the floor released), given by realtime. */
export interface PresenceHooks {
  joined(meetingId: string): void;
  left(meetingId: string, userId: string): Promise<void>;
}

export function meetingFacts(db: Db, hooks: PresenceHooks): MeetingFacts {
  const left = async (meetingId: string, userId: string, at?: Date) => {
    await closeAttendance(db, meetingId, userId, at);
    await hooks.left(meetingId, userId);
  };
  return {
    assertInvited: async (principal, meetingId) => {
      await assertInvited(db, principal, meetingId);
    },
    admit: async (meetingId, { userId, unitId }, device) => {
      const { muted } = await admitParticipant(db, meetingId, userId, device);
      await openAttendance(db, { meetingId, userId, unitId, device: device ?? null });
      hooks.joined(meetingId);
      return { muted };
    },
    liveState: async (meetingId) => {
      const [s, floorUserId] = await Promise.all([liveState(db, meetingId), currentHolder(db, meetingId)]);
      return { meetingId, chairId: s.chairId, stageUserId: s.stageUserId, floorUserId, locked: s.locked, allMuted: s.allMuted };
    },
    isParticipant: async (meetingId, userId) => (await participantState(db, meetingId, userId)) !== undefined,
    recordLeave: async (meetingId, userId, at) => {
      await recordLeave(db, meetingId, userId);
      await left(meetingId, userId, at);
    },
    setMuted: (meetingId, userIds, muted) => setMuted(db, meetingId, userIds, muted),
    setAllMuted: (meetingId, muted) => setAllMuted(db, meetingId, muted),
    remove: async (meetingId, userId) => {
      await removeParticipant(db, meetingId, userId);
      await left(meetingId, userId);
    },
    setLocked: (meetingId, locked) => setLocked(db, meetingId, locked),
    setStage: (meetingId, userId) => setStage(db, meetingId, userId),
  };
}
