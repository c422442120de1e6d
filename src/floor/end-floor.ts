import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { floorRequests } from './floor.table.ts';

/** The meeting ended: hands go down, the holder's floor ends. The stage is the meeting's to reset. */
export async function endFloor(db: Tx, meetingId: string, at: Date = new Date()): Promise<void> {
  await db
    .update(floorRequests)
    .set({ status: 'withdrawn', endedAt: at })
    .where(and(eq(floorRequests.meetingId, meetingId), eq(floorRequests.status, 'waiting')));
  await db
    .update(floorRequests)
    .set({ status: 'done', endedAt: at })
    .where(and(eq(floorRequests.meetingId, meetingId), eq(floorRequests.status, 'speaking')));
}
