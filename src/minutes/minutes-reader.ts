import { eq } from 'drizzle-orm';
import type { DocumentReaderRule } from '../documents/index.ts';
import { AppError } from '../errors/index.ts';
import { assertInvited } from '../meetings/index.ts';
import { meetingMinutes } from './minutes.table.ts';

/**
 * The stored minutes of a closed meeting are read by everyone invited to it (the store's own
 * rule already lets the organising unit's staff read them).
 */
export const minutesDocumentReader: DocumentReaderRule = async (db, principal, documentId) => {
  const [row] = await db.select({ meetingId: meetingMinutes.meetingId }).from(meetingMinutes).where(eq(meetingMinutes.documentId, documentId)).limit(1);
  if (!row) return false;
  try {
    const meeting = await assertInvited(db, principal, row.meetingId);
    return meeting.status === 'closed';
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
};
