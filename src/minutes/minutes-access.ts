// Who reads and who writes a meeting's minutes. Readers: the chair, the secretary and the
// organising unit's clerks and leaders while it is a draft; once the meeting is closed every
// invitee too (the minutes are then the meeting's record). Writers of the conclusions: the
// secretary, the chair and the organisers, until the meeting is closed.
import type { Principal } from '../auth/index.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { assertInvited, isChair, isOrganiser, isSecretary, type MeetingRow } from '../meetings/index.ts';

const prepares = (m: MeetingRow, p: Principal): boolean => isChair(m, p) || isSecretary(m, p) || isOrganiser(m, p);

/** The meeting if `principal` may read its minutes; 404/403 for a meeting they cannot see, 403 minutes.forbidden otherwise. */
export async function meetingToRead(db: Tx, principal: Principal, meetingId: string): Promise<MeetingRow> {
  const meeting = await assertInvited(db, principal, meetingId);
  if (meeting.status === 'closed' || prepares(meeting, principal)) return meeting;
  throw new AppError('minutes.forbidden');
}

/** The meeting if `principal` may write its conclusions now (ended, not closed). */
export async function meetingToWrite(db: Tx, principal: Principal, meetingId: string): Promise<MeetingRow> {
  const meeting = await assertInvited(db, principal, meetingId);
  if (!prepares(meeting, principal)) throw new AppError('minutes.not_editor');
  assertWritable(meeting);
  return meeting;
}

export function assertWritable(meeting: Pick<MeetingRow, 'status'>): void {
  if (meeting.status === 'closed') throw new AppError('minutes.closed');
  if (meeting.status !== 'ended') throw new AppError('minutes.not_ended', { extra: { meetingStatus: meeting.status } });
}

/** none before the meeting ended, draft until it is closed, final after. */
export function minutesStatus(meeting: Pick<MeetingRow, 'status'>): 'none' | 'draft' | 'final' {
  if (meeting.status === 'closed') return 'final';
  return meeting.status === 'ended' ? 'draft' : 'none';
}
