import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { meetingParticipants, meetings, type MeetingParticipantRow, type MeetingRow } from './meetings.table.ts';

// The facts of a live meeting that the media plane acts on: attendance, who is muted or
// removed, the lock and the stage. They live in Postgres, so a restarted or second node makes
// the same decisions; the media plane only mirrors them onto mediasoup objects.

export type LiveState = Pick<MeetingRow, 'id' | 'chairId' | 'locked' | 'stageUserId' | 'allMuted' | 'status'>;

export async function liveState(db: Tx, meetingId: string): Promise<LiveState> {
  const [row] = await db
    .select({ id: meetings.id, chairId: meetings.chairId, locked: meetings.locked, stageUserId: meetings.stageUserId, allMuted: meetings.allMuted, status: meetings.status })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .limit(1);
  if (!row) throw new AppError('meeting.not_found');
  return row;
}

export async function participantState(db: Tx, meetingId: string, userId: string): Promise<MeetingParticipantRow | undefined> {
  const [row] = await db
    .select()
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, userId)))
    .limit(1);
  return row;
}

/**
 * Admits `userId` (already known to be invited) or refuses with a typed error: removed users
 * never, newcomers not while the meeting is locked (those who were in may come back), nobody
 * before it is published, once it has ended or after it was cancelled. Records the attendance;
 * a newcomer to a muted-all meeting starts muted. Opening the room makes a scheduled meeting live.
 */
export async function admitParticipant(db: Tx, meetingId: string, userId: string, device: string | undefined): Promise<MeetingParticipantRow> {
  return db.transaction(async (tx) => {
    // Row lock: two first joins of the same meeting decide one after the other.
    const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update').limit(1);
    if (!meeting) throw new AppError('meeting.not_found');
    if (meeting.status === 'ended' || meeting.status === 'closed') throw new AppError('meeting.ended');
    if (meeting.status === 'cancelled') throw new AppError('meeting.cancelled');
    // Only those preparing a draft can reach here (assertInvited); its room opens once published.
    if (meeting.status === 'draft') throw new AppError('meeting.not_published');
    const existing = await participantState(tx, meetingId, userId);
    if (existing?.removed) throw new AppError('meeting.removed');
    const isChair = meeting.chairId === userId;
    if (meeting.locked && !existing && !isChair) throw new AppError('meeting.locked');
    if (meeting.status !== 'live') await tx.update(meetings).set({ status: 'live' }).where(eq(meetings.id, meetingId));
    const now = new Date();
    const [row] = await tx
      .insert(meetingParticipants)
      .values({ meetingId, userId, device: device ?? null, muted: meeting.allMuted && !isChair, firstJoinedAt: now, lastJoinedAt: now })
      .onConflictDoUpdate({
        target: [meetingParticipants.meetingId, meetingParticipants.userId],
        set: { present: true, lastJoinedAt: now, leftAt: null, device: device ?? null },
      })
      .returning();
    if (!row) throw new Error('upsert returned no row');
    return row;
  });
}

export async function recordLeave(db: Tx, meetingId: string, userId: string): Promise<void> {
  await db
    .update(meetingParticipants)
    .set({ present: false, leftAt: new Date() })
    .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, userId)));
}

/** Mutes or unmutes some participants; returns those whose state is now `muted`. */
export async function setMuted(db: Tx, meetingId: string, userIds: readonly string[], muted: boolean): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .update(meetingParticipants)
    .set({ muted })
    .where(and(eq(meetingParticipants.meetingId, meetingId), inArray(meetingParticipants.userId, [...userIds])))
    .returning({ userId: meetingParticipants.userId });
  return rows.map((r) => r.userId);
}

/** Mute-all (or its end): every participant but the chair, and newcomers while it lasts. */
export async function setAllMuted(db: Tx, meetingId: string, muted: boolean): Promise<string[]> {
  return db.transaction(async (tx) => {
    const [meeting] = await tx.update(meetings).set({ allMuted: muted }).where(eq(meetings.id, meetingId)).returning({ chairId: meetings.chairId });
    if (!meeting) throw new AppError('meeting.not_found');
    const rows = await tx
      .update(meetingParticipants)
      .set({ muted })
      .where(and(eq(meetingParticipants.meetingId, meetingId), ne(meetingParticipants.userId, meeting.chairId)))
      .returning({ userId: meetingParticipants.userId });
    return rows.map((r) => r.userId);
  });
}

export async function removeParticipant(db: Tx, meetingId: string, userId: string): Promise<void> {
  await db
    .update(meetingParticipants)
    .set({ removed: true, present: false, leftAt: new Date() })
    .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, userId)));
}

export async function setLocked(db: Tx, meetingId: string, locked: boolean): Promise<void> {
  await db.update(meetings).set({ locked }).where(eq(meetings.id, meetingId));
}

/** Puts a participant on the stage (null: back to the chair). */
export async function setStage(db: Tx, meetingId: string, userId: string | null): Promise<void> {
  await db.update(meetings).set({ stageUserId: userId }).where(eq(meetings.id, meetingId));
}
