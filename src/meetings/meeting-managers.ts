import type { Principal } from '../auth/index.ts';
import type { MeetingRow } from './meetings.table.ts';

/**
 * Who may change what a meeting is made of (its agenda and documents): a clerk or leader of the
 * organising unit. The meeting's secretary belongs here too once meetings have one (scheduling,
 * issue 10.1): add `|| meeting.secretaryId === principal.id`, and every such check follows.
 */
export function managesMeeting(meeting: Pick<MeetingRow, 'organiserUnitId'>, principal: Principal): boolean {
  return meeting.organiserUnitId === principal.unit.id && principal.roles.some((r) => r === 'clerk' || r === 'leader');
}
