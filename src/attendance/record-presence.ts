import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { attendanceSessions } from './attendance.table.ts';

// Presence as realtime sees it: a join opens a session, leaving (or the end of the reconnect
// grace, or removal) closes it. A reconnect while the session is open continues it, so a
// dropped link does not split one presence into two rows.

export interface Arrival {
  meetingId: string;
  userId: string;
  unitId: string;
  device: string | null;
}

/** Opens a session unless one is open already (a reconnect, or a second tab). */
export async function openAttendance(db: Tx, a: Arrival, at: Date = new Date()): Promise<void> {
  await db
    .insert(attendanceSessions)
    .values({ meetingId: a.meetingId, userId: a.userId, unitId: a.unitId, device: a.device, joinedAt: at })
    .onConflictDoNothing({ target: [attendanceSessions.meetingId, attendanceSessions.userId], where: isNull(attendanceSessions.leftAt) });
}

/** Closes the person's open session at `at` (when the link dropped, for a grace expiry); false when none was open. */
export async function closeAttendance(db: Tx, meetingId: string, userId: string, at: Date = new Date()): Promise<boolean> {
  const rows = await db
    .update(attendanceSessions)
    .set({ leftAt: at })
    .where(and(eq(attendanceSessions.meetingId, meetingId), eq(attendanceSessions.userId, userId), isNull(attendanceSessions.leftAt)))
    .returning({ id: attendanceSessions.id });
  return rows.length > 0;
}

/** Closes every open session of the meeting (it ended); returns how many were open. */
export async function closeAllAttendance(db: Tx, meetingId: string, at: Date = new Date()): Promise<number> {
  const rows = await db
    .update(attendanceSessions)
    .set({ leftAt: at })
    .where(and(eq(attendanceSessions.meetingId, meetingId), isNull(attendanceSessions.leftAt)))
    .returning({ id: attendanceSessions.id });
  return rows.length;
}
