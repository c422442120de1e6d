import type { DocumentReaderRule } from '../documents/index.ts';
import { AppError } from '../errors/index.ts';
import { assertInvited } from '../meetings/index.ts';
import { meetingsWithDocument } from './meeting-documents.ts';

/**
 * The documents store's reader rule for meeting documents: whoever is invited to a meeting the
 * document takes part in may read it through /api/documents too (registered in app.ts).
 */
export const meetingDocumentReader: DocumentReaderRule = async (db, principal, documentId) => {
  for (const meetingId of await meetingsWithDocument(db, documentId)) {
    try {
      await assertInvited(db, principal, meetingId);
      return true;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return false;
};
