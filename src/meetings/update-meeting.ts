import { eq } from 'drizzle-orm';
import type { Principal } from '../auth/index.ts';
import type { UpdateMeetingInput } from '../contract/meetings.ts';
import type { Tx } from '../db/index.ts';
import { inviteesOf, type Invitation } from './invitees.ts';
import { invitationsOf, lockVisibleMeeting } from './meeting-access.ts';
import { assertAllowed } from './meeting-actions.ts';
import type { MeetingDeps } from './meeting-deps.ts';
import { invitedNotice, recordNotices, rescheduledNotice, uninvitedNotice, type Notice } from './meeting-notices.ts';
import { assertChairAndSecretary, checkInvitedUnits } from './meeting-people.ts';
import { meetingInvitations, meetings } from './meetings.table.ts';

/**
 * The organisers edit a draft or scheduled meeting: title, time (a reschedule), chair,
 * secretary, invited units. Of a published meeting, those who remain invited are told of a new
 * time, those newly reached are invited, and those no longer reached are told so.
 */
export async function updateMeeting({ db, notifier }: MeetingDeps, principal: Principal, meetingId: string, input: UpdateMeetingInput): Promise<void> {
  const push = await db.transaction(async (tx) => {
    const before = await lockVisibleMeeting(tx, principal, meetingId);
    assertAllowed(before, principal, 'edit');

    const chairId = input.chairId ?? before.chairId;
    const secretaryId = input.secretaryId === undefined ? before.secretaryId : input.secretaryId;
    if (input.chairId !== undefined || input.secretaryId !== undefined) {
      await assertChairAndSecretary(tx, before.organiserUnitId, chairId, secretaryId);
    }
    const invitedBefore = await invitationsOf(tx, meetingId);
    const invitedAfter = await nextInvitations(tx, principal, invitedBefore, input);

    const [after] = await tx
      .update(meetings)
      .set({
        title: input.title ?? before.title,
        startsAt: input.startsAt ? new Date(input.startsAt) : before.startsAt,
        chairId,
        secretaryId,
        updatedAt: new Date(),
      })
      .where(eq(meetings.id, meetingId))
      .returning();
    if (!after) throw new Error('update returned no row');
    if (invitedAfter !== invitedBefore) {
      await tx.delete(meetingInvitations).where(eq(meetingInvitations.meetingId, meetingId));
      if (invitedAfter.length > 0) await tx.insert(meetingInvitations).values(invitedAfter.map((i) => ({ ...i, meetingId })));
    }

    // A draft's invitees know nothing of it yet: nothing to tell.
    if (before.status === 'draft') return () => {};
    const moved = after.startsAt.getTime() !== before.startsAt.getTime();
    if (invitedAfter === invitedBefore) {
      // Chair and secretary are of the organising unit, whose staff is invited anyway: same people.
      if (!moved) return () => {};
      return recordNotices(notifier, tx, principal.id, [rescheduledNotice(after, before.startsAt, await inviteesOf(tx, after, invitedAfter))]);
    }
    const [reachedBefore, reachedAfter] = await Promise.all([inviteesOf(tx, before, invitedBefore), inviteesOf(tx, after, invitedAfter)]);
    const notices: Notice[] = [
      await invitedNotice(tx, after, [...reachedAfter].filter((id) => !reachedBefore.has(id))),
      uninvitedNotice(after, [...reachedBefore].filter((id) => !reachedAfter.has(id))),
    ];
    if (moved) notices.push(rescheduledNotice(after, before.startsAt, [...reachedAfter].filter((id) => reachedBefore.has(id))));
    return recordNotices(notifier, tx, principal.id, notices);
  });
  push();
}

/** The invitation list after the edit: the same array when unchanged. */
async function nextInvitations(
  tx: Tx,
  principal: Principal,
  current: Invitation[],
  input: UpdateMeetingInput,
): Promise<Invitation[]> {
  if (input.invitedUnitIds === undefined && input.includeSubunits === undefined) return current;
  // One flag for the whole list, as the form and POST /api/meetings have it.
  const includeSubunits = input.includeSubunits ?? current.some((i) => i.includeSubunits);
  const unitIds = input.invitedUnitIds ? await checkInvitedUnits(tx, principal, input.invitedUnitIds) : current.map((i) => i.unitId);
  return unitIds.map((unitId) => ({ unitId, includeSubunits }));
}
