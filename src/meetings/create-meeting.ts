import { actorOf, recordEvent } from '../audit/index.ts';
import { assertRole, isActiveUserOf, type Principal } from '../auth/index.ts';
import type { CreateMeetingInput } from '../contract/meetings.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { getUnits } from '../org/index.ts';
import { meetingInvitations, meetings } from './meetings.table.ts';

/**
 * A clerk or leader schedules a meeting for their own unit, inviting units of their subtree.
 * The chair is an account of the organising unit. Meeting, invitations and the audit event are
 * one transaction.
 */
export async function createMeeting(db: Db, principal: Principal, input: CreateMeetingInput): Promise<{ id: string }> {
  assertRole(principal, ['clerk', 'leader']);
  const organiserUnitId = input.organiserUnitId ?? principal.unit.id;
  if (organiserUnitId !== principal.unit.id) throw new AppError('meeting.not_organiser');

  const invitedIds = [...new Set(input.invitedUnitIds)];
  if (invitedIds.length > 0) {
    const found = await getUnits(db, invitedIds);
    const missing = invitedIds.filter((id) => !found.some((u) => u.id === id));
    if (missing.length > 0) throw new AppError('meeting.invalid_units', { extra: { unitIds: missing } });
    const outside = found.filter((u) => !u.path.startsWith(principal.unit.path)).map((u) => u.id);
    if (outside.length > 0) throw new AppError('auth.forbidden_scope', { extra: { unitIds: outside } });
  }

  if (!(await isActiveUserOf(db, input.chairId, organiserUnitId))) throw new AppError('meeting.invalid_chair');

  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({ title: input.title, startsAt: new Date(input.startsAt), organiserUnitId, chairId: input.chairId, createdBy: principal.id })
      .returning({ id: meetings.id });
    if (!row) throw new Error('insert returned no row');
    if (invitedIds.length > 0) {
      await tx
        .insert(meetingInvitations)
        .values(invitedIds.map((unitId) => ({ meetingId: row.id, unitId, includeSubunits: input.includeSubunits })));
    }
    await recordEvent(tx, {
      action: 'meeting.create',
      actor: actorOf(principal),
      subject: { kind: 'meeting', id: row.id },
      details: { startsAt: new Date(input.startsAt).toISOString(), chairId: input.chairId, invitedUnits: invitedIds.length, includeSubunits: input.includeSubunits },
    });
    return row;
  });
}
