import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { attendanceSessions } from './attendance.table.ts';

/** Who is in the meeting now: an open session, in Postgres, so any node answers the same. */
export async function isPresent(db: Tx, meetingId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: attendanceSessions.id })
    .from(attendanceSessions)
    .where(and(eq(attendanceSessions.meetingId, meetingId), eq(attendanceSessions.userId, userId), isNull(attendanceSessions.leftAt)))
    .limit(1);
  return row !== undefined;
}

export interface Presence {
  userId: string;
  unitId: string;
}

export async function presentNow(db: Tx, meetingId: string): Promise<Presence[]> {
  return db
    .select({ userId: attendanceSessions.userId, unitId: attendanceSessions.unitId })
    .from(attendanceSessions)
    .where(and(eq(attendanceSessions.meetingId, meetingId), isNull(attendanceSessions.leftAt)));
}
