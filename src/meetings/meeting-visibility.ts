import { and, eq, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../auth/index.ts';
import type { MeetingRole } from '../contract/meetings.ts';
import { unitIdsOnPath } from '../org/index.ts';
import { meetingInvitations, meetings, type MeetingRow } from './meetings.table.ts';

// Who sees a meeting. Those preparing it (its chair and secretary, and the organising unit's
// clerks and leaders) see it from the first draft; everyone else invited — the organising
// unit's staff, and the invited units, each alone or with its whole subtree — once it is
// published. The same SQL serves the list, the detail and the join check, so they cannot
// disagree.

type People = Pick<MeetingRow, 'chairId' | 'secretaryId' | 'organiserUnitId'>;

/** Clerks and leaders manage their own unit's meetings. */
const managesUnit = (principal: Principal): boolean => principal.roles.some((r) => r === 'clerk' || r === 'leader');

export const isOrganiser = (m: People, principal: Principal): boolean => managesUnit(principal) && m.organiserUnitId === principal.unit.id;
export const isChair = (m: People, principal: Principal): boolean => m.chairId === principal.id;
export const isSecretary = (m: People, principal: Principal): boolean => m.secretaryId === principal.id;

/** The caller's part in a meeting they may see. */
export function roleIn(m: People, principal: Principal): MeetingRole {
  if (isChair(m, principal)) return 'chair';
  if (isOrganiser(m, principal)) return 'organiser';
  return isSecretary(m, principal) ? 'secretary' : 'participant';
}

/**
 * Invitees may see it: published once (a cancelled draft never was). Rows written before
 * `published_at` existed had no drafts, so any status but draft and cancelled counts too.
 */
export const publishedCondition: SQL = or(
  sql`${meetings.publishedAt} is not null`,
  notInArray(meetings.status, ['draft', 'cancelled']),
) as SQL;

/** Chair, secretary or organiser: sees drafts. */
function preparesCondition(principal: Principal): SQL {
  return or(
    eq(meetings.chairId, principal.id),
    eq(meetings.secretaryId, principal.id),
    managesUnit(principal) ? eq(meetings.organiserUnitId, principal.unit.id) : sql`false`,
  ) as SQL;
}

/**
 * The organising unit's staff or an invited unit covers the caller. A unit invited with its
 * subunits covers the caller when it lies on the caller's unit path, so no unit lookup is needed.
 */
function invitedCondition(principal: Principal): SQL {
  const above = unitIdsOnPath(principal.unit.path);
  const invitedUnit = sql`exists (
    select 1 from ${meetingInvitations}
    where ${meetingInvitations.meetingId} = ${meetings.id}
      and (${eq(meetingInvitations.unitId, principal.unit.id)}
           or (${meetingInvitations.includeSubunits} and ${inArray(meetingInvitations.unitId, above)})))`;
  return or(eq(meetings.organiserUnitId, principal.unit.id), invitedUnit) as SQL;
}

/** True for meetings `principal` may see (usable in any query over `meetings`). */
export function visibleCondition(principal: Principal): SQL {
  return or(preparesCondition(principal), and(publishedCondition, invitedCondition(principal))) as SQL;
}
