import { and, eq, inArray } from 'drizzle-orm';
import { assertRole } from '../auth/guard.ts';
import type { Principal } from '../auth/principal.ts';
import { users } from '../auth/users.table.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import { units } from '../org/units.table.ts';
import { meetingInvitations, meetings } from './meetings.table.ts';
import type { CreateMeetingInput } from './schemas.ts';

/**
 * A clerk or leader schedules a meeting for their own unit, inviting units of their subtree.
 * The chair is an account of the organising unit. Meeting and invitations are one transaction.
 */
export async function createMeeting(db: Db, principal: Principal, input: CreateMeetingInput): Promise<{ id: string }> {
  assertRole(principal, ['clerk', 'leader']);
  const organiserUnitId = input.organiserUnitId ?? principal.unit.id;
  if (organiserUnitId !== principal.unit.id) throw new AppError('meeting.not_organiser');

  const invitedIds = [...new Set(input.invitedUnitIds)];
  if (invitedIds.length > 0) {
    const found = await db.select({ id: units.id, path: units.path }).from(units).where(inArray(units.id, invitedIds));
    const missing = invitedIds.filter((id) => !found.some((u) => u.id === id));
    if (missing.length > 0) throw new AppError('meeting.invalid_units', { extra: { unitIds: missing } });
    const outside = found.filter((u) => !u.path.startsWith(principal.unit.path)).map((u) => u.id);
    if (outside.length > 0) throw new AppError('auth.forbidden_scope', { extra: { unitIds: outside } });
  }

  const [chair] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, input.chairId), eq(users.unitId, organiserUnitId), eq(users.disabled, false)))
    .limit(1);
  if (!chair) throw new AppError('meeting.invalid_chair');

  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({ title: input.title, startsAt: new Date(input.startsAt), organiserUnitId, chairId: chair.id, createdBy: principal.id })
      .returning({ id: meetings.id });
    if (!row) throw new Error('insert returned no row');
    if (invitedIds.length > 0) {
      await tx
        .insert(meetingInvitations)
        .values(invitedIds.map((unitId) => ({ meetingId: row.id, unitId, includeSubunits: input.includeSubunits })));
    }
    return row;
  });
}
