import { and, eq } from 'drizzle-orm';
import type { Principal } from '../auth/index.ts';
import { lockVisibleMeeting } from './meeting-access.ts';
import { assertAllowed } from './meeting-actions.ts';
import type { MeetingDeps } from './meeting-deps.ts';
import { meetingParticipants, meetings } from './meetings.table.ts';

/**
 * The chair ends a live meeting: its end time is recorded, everyone still present leaves now,
 * nobody is admitted any more, and the media room closes telling each participant why.
 */
export async function endMeeting({ db, rooms }: MeetingDeps, principal: Principal, meetingId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const meeting = await lockVisibleMeeting(tx, principal, meetingId);
    assertAllowed(meeting, principal, 'end');
    const now = new Date();
    await tx.update(meetings).set({ status: 'ended', endedAt: now, stageUserId: null, updatedAt: now }).where(eq(meetings.id, meetingId));
    await tx
      .update(meetingParticipants)
      .set({ present: false, leftAt: now })
      .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.present, true)));
  });
  await rooms.endMeeting(meetingId);
}
