import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { getPeople, type Principal } from '../auth/index.ts';
import type { PersonRef } from '../contract/auth.ts';
import type { MeetingDetail, MeetingStatus, MeetingSummary } from '../contract/meetings.ts';
import type { UnitRef } from '../contract/units.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { getUnits } from '../org/index.ts';
import { allowedActions } from './meeting-actions.ts';
import { publishedCondition, roleIn, visibleCondition } from './meeting-visibility.ts';
import { meetingInvitations, meetings, type MeetingRow } from './meetings.table.ts';

// Reading meetings as the caller may see them (meeting-visibility.ts decides who sees what).

const summaryColumns = {
  id: meetings.id,
  title: meetings.title,
  startsAt: meetings.startsAt,
  status: meetings.status,
  locked: meetings.locked,
  chairId: meetings.chairId,
  secretaryId: meetings.secretaryId,
  organiserUnitId: meetings.organiserUnitId,
};
type SummaryRow = { [K in keyof typeof summaryColumns]: MeetingRow[K] };

const summaryRowOf = ({ id, title, startsAt, status, locked, chairId, secretaryId, organiserUnitId }: MeetingRow): SummaryRow => ({
  id,
  title,
  startsAt,
  status,
  locked,
  chairId,
  secretaryId,
  organiserUnitId,
});

interface Names {
  person(id: string): PersonRef;
  unit(id: string): UnitRef;
}

/**
 * The people (auth) and units (org) that meeting rows name, in two batched lookups whatever the
 * number of rows. Both are foreign keys of the meeting tables: one missing is a broken database.
 */
async function lookUpNames(db: Tx, personIds: ReadonlyArray<string | null>, unitIds: readonly string[]): Promise<Names> {
  const [people, units] = await Promise.all([getPeople(db, personIds.filter((id) => id !== null)), getUnits(db, unitIds)]);
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

function toSummary({ chairId, secretaryId, organiserUnitId, startsAt, ...rest }: SummaryRow, names: Names): MeetingSummary {
  return {
    ...rest,
    startsAt: startsAt.toISOString(),
    chair: names.person(chairId),
    secretary: secretaryId ? names.person(secretaryId) : null,
    organiserUnit: names.unit(organiserUnitId),
  };
}

export interface ListOptions {
  /** Meetings starting at or after this instant. */
  since?: Date;
  /** Meetings starting at or before this instant. */
  until?: Date;
  statuses?: readonly MeetingStatus[];
  limit?: number;
}

/** Meetings the caller may see, soonest first, within the bounds asked for. */
export async function listMeetingsFor(db: Tx, principal: Principal, opts: ListOptions = {}): Promise<MeetingSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(meetings)
    .where(
      and(
        visibleCondition(principal),
        opts.since ? gte(meetings.startsAt, opts.since) : undefined,
        opts.until ? lte(meetings.startsAt, opts.until) : undefined,
        opts.statuses ? inArray(meetings.status, [...opts.statuses]) : undefined,
      ),
    )
    .orderBy(meetings.startsAt, meetings.id)
    .limit(opts.limit ?? 200);
  const names = await lookUpNames(db, rows.flatMap((r) => [r.chairId, r.secretaryId]), rows.map((r) => r.organiserUnitId));
  return rows.map((r) => toSummary(r, names));
}

/**
 * The meeting row if the caller may see it. A meeting that does not exist, and a draft the
 * caller is not preparing, are both "not found": invitees do not learn of drafts. A published
 * meeting the caller is not invited to is 403. `forUpdate` locks the row for a change.
 */
async function visibleRow(db: Tx, principal: Principal, meetingId: string, forUpdate = false): Promise<MeetingRow> {
  const query = db
    .select({ meeting: meetings, visible: sql<boolean>`${visibleCondition(principal)}`, published: sql<boolean>`${publishedCondition}` })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .limit(1);
  const [row] = await (forUpdate ? query.for('update', { of: meetings }) : query);
  if (!row || (!row.visible && !row.published)) throw new AppError('meeting.not_found');
  if (!row.visible) throw new AppError('meeting.not_invited');
  return row.meeting;
}

/** The meeting row if the caller may see it (for the media plane's join and audiences); 404 or 403 otherwise. */
export async function assertInvited(db: Tx, principal: Principal, meetingId: string): Promise<MeetingRow> {
  return visibleRow(db, principal, meetingId);
}

/** As assertInvited, with the row locked until the transaction ends: changes to one meeting go one at a time. */
export async function lockVisibleMeeting(tx: Tx, principal: Principal, meetingId: string): Promise<MeetingRow> {
  return visibleRow(tx, principal, meetingId, true);
}

export async function invitationsOf(db: Tx, meetingId: string): Promise<Array<{ unitId: string; includeSubunits: boolean }>> {
  return db
    .select({ unitId: meetingInvitations.unitId, includeSubunits: meetingInvitations.includeSubunits })
    .from(meetingInvitations)
    .where(eq(meetingInvitations.meetingId, meetingId));
}

/** One meeting as the caller sees it, with what they may do to it; 404 or 403 as assertInvited. */
export async function getMeetingFor(db: Tx, principal: Principal, meetingId: string): Promise<MeetingDetail> {
  const meeting = await visibleRow(db, principal, meetingId);
  const invitations = await invitationsOf(db, meetingId);
  const names = await lookUpNames(db, [meeting.chairId, meeting.secretaryId], [meeting.organiserUnitId, ...invitations.map((i) => i.unitId)]);
  const invitedUnits = invitations
    .map(({ unitId, includeSubunits }) => ({ ...names.unit(unitId), includeSubunits }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    ...toSummary(summaryRowOf(meeting), names),
    invitedUnits,
    myRole: roleIn(meeting, principal),
    actions: allowedActions(meeting, principal),
    cancelReason: meeting.cancelReason,
    endedAt: meeting.endedAt?.toISOString() ?? null,
    closedAt: meeting.closedAt?.toISOString() ?? null,
  };
}
