import { eq } from 'drizzle-orm';
import type { Principal } from '../auth/index.ts';
import { inviteesOf } from './invitees.ts';
import { invitationsOf, lockVisibleMeeting } from './meeting-access.ts';
import { assertAllowed } from './meeting-actions.ts';
import type { MeetingDeps } from './meeting-deps.ts';
import { cancelledNotice, recordNotices } from './meeting-notices.ts';
import { meetings } from './meetings.table.ts';

/**
 * The organisers cancel a draft or scheduled meeting (a live one is ended by its chair instead).
 * Invitees of a published meeting are told, with the reason; a cancelled draft stays unseen.
 */
export async function cancelMeeting({ db, notifier, rooms }: MeetingDeps, principal: Principal, meetingId: string, reason: string | undefined): Promise<void> {
  const push = await db.transaction(async (tx) => {
    const meeting = await lockVisibleMeeting(tx, principal, meetingId);
    assertAllowed(meeting, principal, 'cancel');
    const now = new Date();
    const [cancelled] = await tx
      .update(meetings)
      .set({ status: 'cancelled', cancelledAt: now, cancelReason: reason || null, updatedAt: now })
      .where(eq(meetings.id, meetingId))
      .returning();
    if (!cancelled) throw new Error('update returned no row');
    if (meeting.status === 'draft') return () => {};
    const notice = cancelledNotice(cancelled, await inviteesOf(tx, cancelled, await invitationsOf(tx, meetingId)));
    return recordNotices(notifier, tx, principal.id, [notice]);
  });
  push();
  // Nobody is admitted to a scheduled meeting without making it live, but a room may have been
  // opened to read its capabilities: close it with the rest.
  await rooms.endMeeting(meetingId);
}
