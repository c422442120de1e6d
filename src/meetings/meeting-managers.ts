import type { Principal } from '../auth/index.ts';
import { isOrganiser, isSecretary } from './meeting-visibility.ts';
import type { MeetingRow } from './meetings.table.ts';

/**
 * Who may change what a meeting is made of (its agenda and documents): a clerk or leader of the
 * organising unit, or the meeting's secretary, who prepares its papers.
 */
export function managesMeeting(meeting: Pick<MeetingRow, 'organiserUnitId' | 'chairId' | 'secretaryId'>, principal: Principal): boolean {
  return isOrganiser(meeting, principal) || isSecretary(meeting, principal);
}
