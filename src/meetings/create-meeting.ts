import { actorOf, recordEvent } from '../audit/index.ts';
import { assertRole, type Principal } from '../auth/index.ts';
import type { CreateMeetingInput } from '../contract/meetings.ts';
import { AppError } from '../errors/index.ts';
import { inviteesOf } from './invitees.ts';
import type { MeetingDeps } from './meeting-deps.ts';
import { invitedNotice, recordNotices } from './meeting-notices.ts';
import { assertChairAndSecretary, checkInvitedUnits } from './meeting-people.ts';
import { meetingInvitations, meetings } from './meetings.table.ts';

/**
 * A clerk or leader schedules a meeting for their own unit, inviting units of their subtree.
 * Without `status` it is scheduled and its invitees are notified at once; a draft is seen only by
 * those preparing it until published. Meeting, invitations, the audit event and notifications are
 * one transaction.
 */
export async function createMeeting({ db, notifier }: MeetingDeps, principal: Principal, input: CreateMeetingInput): Promise<{ id: string }> {
  assertRole(principal, ['clerk', 'leader']);
  const organiserUnitId = input.organiserUnitId ?? principal.unit.id;
  if (organiserUnitId !== principal.unit.id) throw new AppError('meeting.not_organiser');
  const status = input.status ?? 'scheduled';
  const secretaryId = input.secretaryId ?? null;

  const invitedIds = await checkInvitedUnits(db, principal, input.invitedUnitIds);
  await assertChairAndSecretary(db, organiserUnitId, input.chairId, secretaryId);

  const { id, push } = await db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .insert(meetings)
      .values({
        title: input.title,
        startsAt: new Date(input.startsAt),
        organiserUnitId,
        chairId: input.chairId,
        secretaryId,
        createdBy: principal.id,
        status,
        publishedAt: status === 'scheduled' ? now : null,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const invitations = invitedIds.map((unitId) => ({ meetingId: row.id, unitId, includeSubunits: input.includeSubunits }));
    if (invitations.length > 0) await tx.insert(meetingInvitations).values(invitations);
    await recordEvent(tx, {
      action: 'meeting.create',
      actor: actorOf(principal),
      subject: { kind: 'meeting', id: row.id },
      details: { status, startsAt: row.startsAt.toISOString(), chairId: input.chairId, secretaryId, invitedUnits: invitedIds.length, includeSubunits: input.includeSubunits },
    });
    if (status === 'draft') return { id: row.id, push: () => {} };
    const notice = await invitedNotice(tx, row, await inviteesOf(tx, row, invitations));
    return { id: row.id, push: await recordNotices(notifier, tx, principal.id, [notice]) };
  });
  push();
  return { id };
}
