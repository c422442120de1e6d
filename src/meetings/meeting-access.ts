import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Principal } from '../auth/principal.ts';
import { users } from '../auth/users.table.ts';
import type { Tx } from '../db/client.ts';
import { AppError } from '../errors/app-error.ts';
import { units } from '../org/units.table.ts';
import { meetingInvitations, meetings, type MeetingRow } from './meetings.table.ts';
import type { MeetingDetail, MeetingRole, MeetingSummary } from './schemas.ts';

// Who may see and join a meeting: its chair, the organiser unit, and the invited units — each
// invited unit alone, or with its whole subtree when invited so. One SQL condition serves the
// list, the detail and the join check, so they cannot disagree.

/** True for meetings `principal` is invited to (usable in any query over `meetings`). */
export function invitedCondition(principal: Principal): SQL {
  const invited = sql`exists (
    select 1 from ${meetingInvitations}
    join ${units} on ${units.id} = ${meetingInvitations.unitId}
    where ${meetingInvitations.meetingId} = ${meetings.id}
      and (${meetingInvitations.unitId} = ${principal.unit.id}
           or (${meetingInvitations.includeSubunits} and starts_with(${principal.unit.path}, ${units.path}))))`;
  return or(eq(meetings.chairId, principal.id), eq(meetings.organiserUnitId, principal.unit.id), invited) as SQL;
}

/** The caller's part in a meeting they may see. */
export function roleIn(meeting: Pick<MeetingRow, 'chairId' | 'organiserUnitId'>, principal: Principal): MeetingRole {
  if (meeting.chairId === principal.id) return 'chair';
  const manages = principal.roles.some((r) => r === 'clerk' || r === 'leader');
  return manages && meeting.organiserUnitId === principal.unit.id ? 'organiser' : 'participant';
}

const chair = alias(users, 'chair');
const organiser = alias(units, 'organiser');

const summaryColumns = {
  id: meetings.id,
  title: meetings.title,
  startsAt: meetings.startsAt,
  status: meetings.status,
  locked: meetings.locked,
  chairId: meetings.chairId,
  organiserUnitId: meetings.organiserUnitId,
  organiserUnit: { id: organiser.id, code: organiser.code, name: organiser.name },
  chair: { id: chair.id, username: chair.username, fullName: chair.fullName, title: chair.title },
};

type SummaryRow = { startsAt: Date; chairId: string; organiserUnitId: string } & Omit<MeetingSummary, 'startsAt'>;

function toSummary({ startsAt, chairId: _c, organiserUnitId: _o, ...rest }: SummaryRow): MeetingSummary {
  return { ...rest, startsAt: startsAt.toISOString() };
}

/** Meetings the caller is invited to, soonest first; `since` drops those that started before it. */
export async function listMeetingsFor(db: Tx, principal: Principal, opts: { since?: Date; limit?: number } = {}): Promise<MeetingSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(meetings)
    .innerJoin(chair, eq(chair.id, meetings.chairId))
    .innerJoin(organiser, eq(organiser.id, meetings.organiserUnitId))
    .where(and(invitedCondition(principal), opts.since ? sql`${meetings.startsAt} >= ${opts.since.toISOString()}` : undefined))
    .orderBy(meetings.startsAt)
    .limit(opts.limit ?? 200);
  return rows.map(toSummary);
}

/** One meeting as the caller sees it: 404 when it does not exist, 403 when not invited. */
export async function getMeetingFor(db: Tx, principal: Principal, meetingId: string): Promise<MeetingDetail> {
  const [row] = await db
    .select({ ...summaryColumns, invited: sql<boolean>`${invitedCondition(principal)}` })
    .from(meetings)
    .innerJoin(chair, eq(chair.id, meetings.chairId))
    .innerJoin(organiser, eq(organiser.id, meetings.organiserUnitId))
    .where(eq(meetings.id, meetingId))
    .limit(1);
  if (!row) throw new AppError('meeting.not_found');
  const { invited, ...summary } = row;
  if (!invited) throw new AppError('meeting.not_invited');
  const invitedUnits = await db
    .select({ id: units.id, code: units.code, name: units.name, includeSubunits: meetingInvitations.includeSubunits })
    .from(meetingInvitations)
    .innerJoin(units, eq(units.id, meetingInvitations.unitId))
    .where(eq(meetingInvitations.meetingId, meetingId))
    .orderBy(units.code);
  return { ...toSummary(summary), invitedUnits, myRole: roleIn(summary, principal) };
}

/** The meeting row if the caller is invited (for the media plane's join); errors as getMeetingFor. */
export async function assertInvited(db: Tx, principal: Principal, meetingId: string): Promise<MeetingRow> {
  const [row] = await db
    .select({ meeting: meetings, invited: sql<boolean>`${invitedCondition(principal)}` })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .limit(1);
  if (!row) throw new AppError('meeting.not_found');
  if (!row.invited) throw new AppError('meeting.not_invited');
  return row.meeting;
}
