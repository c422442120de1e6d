// What the presenter leads with (src/presentation): who presents the item under discussion, and
// whether a document version is one the meeting may be shown.
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { versionFacts } from '../documents/index.ts';
import { AppError } from '../errors/index.ts';
import { agendaItems, meetingAgendaState } from './agenda.table.ts';
import { meetingDocumentOf } from './meeting-documents.ts';

/** The presenter of the item the chair has set as under discussion, or null (no item, or nobody named). */
export async function currentPresenterId(db: Tx, meetingId: string): Promise<string | null> {
  const [row] = await db
    .select({ presenterId: agendaItems.presenterId })
    .from(meetingAgendaState)
    .innerJoin(agendaItems, eq(agendaItems.id, meetingAgendaState.currentItemId))
    .where(eq(meetingAgendaState.meetingId, meetingId))
    .limit(1);
  return row?.presenterId ?? null;
}

/**
 * A version of one of the meeting's documents, with its page count; document.not_found when the
 * document is not the meeting's or has no such version.
 */
export async function meetingDocumentVersion(db: Tx, meetingId: string, documentId: string, version: number): Promise<{ pages: number }> {
  await meetingDocumentOf(db, meetingId, documentId);
  const facts = await versionFacts(db, documentId, version);
  if (!facts) throw new AppError('document.not_found');
  return { pages: facts.pages };
}
