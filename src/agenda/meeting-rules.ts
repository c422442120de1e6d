// Who may see and change a meeting's agenda, and when. Seeing follows the invitation (meetings'
// assertInvited: 404 for no such meeting, 403 for outsiders); changing needs a manager of the
// meeting (meetings' managesMeeting). Items change only before the meeting starts; documents
// may still be added or replaced while it is live (a corrected report), not after it ends.
import type { Principal } from '../auth/index.ts';
import type { AgendaView } from '../contract/agenda.ts';
import type { MeetingStatus } from '../contract/meetings.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { assertInvited, liveState, managesMeeting, type MeetingRow } from '../meetings/index.ts';

const ITEMS_EDITABLE: readonly MeetingStatus[] = ['draft', 'scheduled'];
const DOCUMENTS_EDITABLE: readonly MeetingStatus[] = ['draft', 'scheduled', 'live'];

export const itemsEditable = (status: MeetingStatus): boolean => ITEMS_EDITABLE.includes(status);
export const documentsEditable = (status: MeetingStatus): boolean => DOCUMENTS_EDITABLE.includes(status);

/** What the caller may do with the agenda now (the server checks again on every change). */
export function agendaRights(meeting: MeetingRow, principal: Principal): Pick<AgendaView, 'canEditItems' | 'canEditDocuments' | 'canSetCurrent'> {
  const manages = managesMeeting(meeting, principal);
  return {
    canEditItems: manages && itemsEditable(meeting.status),
    canEditDocuments: manages && documentsEditable(meeting.status),
    canSetCurrent: meeting.chairId === principal.id && meeting.status === 'live',
  };
}

export function meetingToRead(db: Tx, principal: Principal, meetingId: string): Promise<MeetingRow> {
  return assertInvited(db, principal, meetingId);
}

export async function meetingToManage(db: Tx, principal: Principal, meetingId: string): Promise<MeetingRow> {
  const meeting = await assertInvited(db, principal, meetingId);
  if (!managesMeeting(meeting, principal)) throw new AppError('agenda.not_manager');
  return meeting;
}

/**
 * Checks the status again inside the transaction that changes the agenda (the lock is held):
 * the meeting may have started while a long upload was arriving.
 */
export async function assertStillEditable(tx: Tx, meetingId: string, what: 'items' | 'documents'): Promise<void> {
  const { status } = await liveState(tx, meetingId);
  assertEditable(status, what);
}

export function assertEditable(status: MeetingStatus, what: 'items' | 'documents'): void {
  if (!(what === 'items' ? itemsEditable(status) : documentsEditable(status))) throw new AppError('agenda.locked');
}
