import { eq } from 'drizzle-orm';
import type { Principal } from '../auth/index.ts';
import type { Tx } from '../db/index.ts';
import { assertInvited, lockVisibleMeeting } from './meeting-access.ts';
import { assertAllowed } from './meeting-actions.ts';
import type { MeetingDeps } from './meeting-deps.ts';
import { meetings, type MeetingRow } from './meetings.table.ts';

/**
 * The secretary (or the organisers) close an ended meeting. Closed is final: no edit, no room,
 * and what the minutes record (chair, secretary, times, who attended) no longer changes. With a
 * closing handler (the minutes), the handler runs the close inside the transaction that stores
 * the final minutes: if storing fails the meeting stays ended.
 */
export async function closeMeeting({ db, lifecycle }: MeetingDeps, principal: Principal, meetingId: string): Promise<void> {
  const closeIn = async (tx: Tx): Promise<MeetingRow> => {
    const meeting = await lockVisibleMeeting(tx, principal, meetingId);
    assertAllowed(meeting, principal, 'close');
    const now = new Date();
    const [closed] = await tx.update(meetings).set({ status: 'closed', closedAt: now, updatedAt: now }).where(eq(meetings.id, meetingId)).returning();
    if (!closed) throw new Error('meetings: update returned no row');
    return closed;
  };
  const handler = lifecycle?.closing;
  if (!handler) {
    await db.transaction(closeIn);
    return;
  }
  // Refuse early (role, status) before the handler does its work; closeIn checks again under the lock.
  const meeting = await assertInvited(db, principal, meetingId);
  assertAllowed(meeting, principal, 'close');
  await handler({ meeting, principal, closeIn });
}
