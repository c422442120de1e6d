import { eq } from 'drizzle-orm';
import type { Principal } from '../auth/index.ts';
import { inviteesOf } from './invitees.ts';
import { invitationsOf, lockVisibleMeeting } from './meeting-access.ts';
import { assertAllowed } from './meeting-actions.ts';
import type { MeetingDeps } from './meeting-deps.ts';
import { invitedNotice, recordNotices } from './meeting-notices.ts';
import { meetings } from './meetings.table.ts';

/** The organisers publish a draft: it becomes scheduled, and its invitees see it and are notified. */
export async function publishMeeting({ db, notifier }: MeetingDeps, principal: Principal, meetingId: string): Promise<void> {
  const push = await db.transaction(async (tx) => {
    const meeting = await lockVisibleMeeting(tx, principal, meetingId);
    assertAllowed(meeting, principal, 'publish');
    const now = new Date();
    await tx.update(meetings).set({ status: 'scheduled', publishedAt: now, updatedAt: now }).where(eq(meetings.id, meetingId));
    const notice = await invitedNotice(tx, meeting, await inviteesOf(tx, meeting, await invitationsOf(tx, meetingId)));
    return recordNotices(notifier, tx, principal.id, [notice]);
  });
  push();
}
