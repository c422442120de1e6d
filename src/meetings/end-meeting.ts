import { and, eq } from 'drizzle-orm';
import type { Principal } from '../auth/index.ts';
import { lockVisibleMeeting } from './meeting-access.ts';
import { assertAllowed } from './meeting-actions.ts';
import type { MeetingDeps } from './meeting-deps.ts';
import { meetingParticipants, meetings } from './meetings.table.ts';

/**
 * The chair ends a live meeting: its end time is recorded, everyone still present leaves now,
 * nobody is admitted any more, and the media room closes telling each participant why. Those
 * listening to the lifecycle (the minutes) act in the same transaction.
 */
export async function endMeeting({ db, rooms, lifecycle }: MeetingDeps, principal: Principal, meetingId: string): Promise<void> {
  const push = await db.transaction(async (tx) => {
    const meeting = await lockVisibleMeeting(tx, principal, meetingId);
    assertAllowed(meeting, principal, 'end');
    const now = new Date();
    const [ended] = await tx
      .update(meetings)
      .set({ status: 'ended', endedAt: now, stageUserId: null, updatedAt: now })
      .where(eq(meetings.id, meetingId))
      .returning();
    await tx
      .update(meetingParticipants)
      .set({ present: false, leftAt: now })
      .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.present, true)));
    return ended && lifecycle ? lifecycle.ended(tx, ended) : () => {};
  });
  push();
  await rooms.endMeeting(meetingId);
}
