import type { Principal } from '../auth/index.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { getMeetingFor } from '../meetings/index.ts';
import type { SheetMeeting } from './attendance-sheet.ts';

/**
 * Who reads the attendance sheet: those who run the meeting — its chair, the organising unit's
 * clerks and leaders, and its secretary (a role scheduling adds; counted here by name so this
 * holds before and after). Other invitees see who is in the room but not the record of who
 * came when. Outsiders get the meeting's own 404/403 first.
 */
const SHEET_READERS: ReadonlySet<string> = new Set(['chair', 'organiser', 'secretary']);

export async function assertSheetReader(db: Tx, principal: Principal, meetingId: string): Promise<SheetMeeting> {
  const meeting = await getMeetingFor(db, principal, meetingId);
  if (!SHEET_READERS.has(meeting.myRole)) throw new AppError('attendance.forbidden');
  return { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt };
}
