import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { getPeople, type Principal } from '../auth/index.ts';
import type { PersonRef } from '../contract/auth.ts';
import type { MeetingDetail, MeetingRole, MeetingSummary } from '../contract/meetings.ts';
import type { UnitRef } from '../contract/units.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { getUnits, unitIdsOnPath } from '../org/index.ts';
import { meetingInvitations, meetings, type MeetingRow } from './meetings.table.ts';

// Who may see and join a meeting: its chair, the organiser unit, and the invited units — each
// invited unit alone, or with its whole subtree when invited so. One SQL condition serves the
// list, the detail and the join check, so they cannot disagree.

/**
 * True for meetings `principal` is invited to (usable in any query over `meetings`). A unit
 * invited with its subunits covers the caller when it lies on the caller's unit path, so the
 * condition needs no unit lookup.
 */
function invitedCondition(principal: Principal): SQL {
  const above = unitIdsOnPath(principal.unit.path);
  const invited = sql`exists (
    select 1 from ${meetingInvitations}
    where ${meetingInvitations.meetingId} = ${meetings.id}
      and (${eq(meetingInvitations.unitId, principal.unit.id)}
           or (${meetingInvitations.includeSubunits} and ${inArray(meetingInvitations.unitId, above)})))`;
  return or(eq(meetings.chairId, principal.id), eq(meetings.organiserUnitId, principal.unit.id), invited) as SQL;
}

/** The caller's part in a meeting they may see. */
function roleIn(meeting: Pick<MeetingRow, 'chairId' | 'organiserUnitId'>, principal: Principal): MeetingRole {
  if (meeting.chairId === principal.id) return 'chair';
  const manages = principal.roles.some((r) => r === 'clerk' || r === 'leader');
  return manages && meeting.organiserUnitId === principal.unit.id ? 'organiser' : 'participant';
}

const summaryColumns = {
  id: meetings.id,
  title: meetings.title,
  startsAt: meetings.startsAt,
  status: meetings.status,
  locked: meetings.locked,
  chairId: meetings.chairId,
  organiserUnitId: meetings.organiserUnitId,
};
type SummaryRow = { [K in keyof typeof summaryColumns]: MeetingRow[K] };

interface Names {
  person(id: string): PersonRef;
  unit(id: string): UnitRef;
}

/**
 * The people (auth) and units (org) that meeting rows name, in two batched lookups whatever the
 * number of rows. Both are foreign keys of the meeting tables: one missing is a broken database.
 */
async function lookUpNames(db: Tx, personIds: readonly string[], unitIds: readonly string[]): Promise<Names> {
  const [people, units] = await Promise.all([getPeople(db, personIds), getUnits(db, unitIds)]);
  const personById = new Map(people.map((p) => [p.id, p]));
  const unitById = new Map(units.map(({ id, code, name }) => [id, { id, code, name }]));
  return {
    person: (id) => personById.get(id) ?? fail(`user ${id}`),
    unit: (id) => unitById.get(id) ?? fail(`unit ${id}`),
  };
}

function fail(what: string): never {
  throw new Error(`meetings: ${what} does not exist`);
}

function toSummary({ chairId, organiserUnitId, startsAt, ...rest }: SummaryRow, names: Names): MeetingSummary {
  return { ...rest, startsAt: startsAt.toISOString(), chair: names.person(chairId), organiserUnit: names.unit(organiserUnitId) };
}

/** Meetings the caller is invited to, soonest first; `since` drops those that started before it. */
export async function listMeetingsFor(db: Tx, principal: Principal, opts: { since?: Date; limit?: number } = {}): Promise<MeetingSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(meetings)
    .where(and(invitedCondition(principal), opts.since ? sql`${meetings.startsAt} >= ${opts.since.toISOString()}` : undefined))
    .orderBy(meetings.startsAt)
    .limit(opts.limit ?? 200);
  const names = await lookUpNames(db, rows.map((r) => r.chairId), rows.map((r) => r.organiserUnitId));
  return rows.map((r) => toSummary(r, names));
}

/** One meeting as the caller sees it: 404 when it does not exist, 403 when not invited. */
export async function getMeetingFor(db: Tx, principal: Principal, meetingId: string): Promise<MeetingDetail> {
  const [row] = await db
    .select({ ...summaryColumns, invited: sql<boolean>`${invitedCondition(principal)}` })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .limit(1);
  if (!row) throw new AppError('meeting.not_found');
  const { invited, ...meeting } = row;
  if (!invited) throw new AppError('meeting.not_invited');
  const invitations = await db
    .select({ unitId: meetingInvitations.unitId, includeSubunits: meetingInvitations.includeSubunits })
    .from(meetingInvitations)
    .where(eq(meetingInvitations.meetingId, meetingId));
  const names = await lookUpNames(db, [meeting.chairId], [meeting.organiserUnitId, ...invitations.map((i) => i.unitId)]);
  const invitedUnits = invitations
    .map(({ unitId, includeSubunits }) => ({ ...names.unit(unitId), includeSubunits }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { ...toSummary(meeting, names), invitedUnits, myRole: roleIn(meeting, principal) };
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
