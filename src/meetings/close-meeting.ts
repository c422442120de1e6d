import { eq } from 'drizzle-orm';
import type { Principal } from '../auth/index.ts';
import { lockVisibleMeeting } from './meeting-access.ts';
import { assertAllowed } from './meeting-actions.ts';
import type { MeetingDeps } from './meeting-deps.ts';
import { meetings } from './meetings.table.ts';

/**
 * The secretary (or the organisers) close an ended meeting. Closed is final: no edit, no room,
 * and what the minutes record (chair, secretary, times, who attended) no longer changes.
 */
export async function closeMeeting({ db }: MeetingDeps, principal: Principal, meetingId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const meeting = await lockVisibleMeeting(tx, principal, meetingId);
    assertAllowed(meeting, principal, 'close');
    const now = new Date();
    await tx.update(meetings).set({ status: 'closed', closedAt: now, updatedAt: now }).where(eq(meetings.id, meetingId));
  });
}
