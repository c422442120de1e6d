// Which stored documents take part in a meeting. Attaching runs inside the documents store's
// transaction (WithinStore), so a document and its place in the meeting are written together
// or not at all — and no file stays behind when attaching fails.
import { and, eq, max } from 'drizzle-orm';
import type { Db, Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { bumpRevision, lockAgenda } from './agenda-lock.ts';
import { agendaItems, meetingDocuments } from './agenda.table.ts';
import { assertStillEditable } from './meeting-rules.ts';

export async function attachDocument(
  tx: Tx,
  o: { meetingId: string; documentId: string; agendaItemId: string | undefined; addedBy: string },
): Promise<void> {
  await lockAgenda(tx, o.meetingId);
  await assertStillEditable(tx, o.meetingId, 'documents');
  if (o.agendaItemId) {
    const [item] = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.id, o.agendaItemId), eq(agendaItems.meetingId, o.meetingId)))
      .limit(1);
    if (!item) throw new AppError('agenda.item_not_found');
  }
  const [last] = await tx.select({ position: max(meetingDocuments.position) }).from(meetingDocuments).where(eq(meetingDocuments.meetingId, o.meetingId));
  await tx.insert(meetingDocuments).values({
    meetingId: o.meetingId,
    documentId: o.documentId,
    agendaItemId: o.agendaItemId ?? null,
    position: (last?.position ?? 0) + 1,
    addedBy: o.addedBy,
  });
  await bumpRevision(tx, o.meetingId);
}

/** The meeting's row for this document, or document.not_found when it is not part of the meeting. */
export async function meetingDocumentOf(db: Tx, meetingId: string, documentId: string): Promise<{ agendaItemId: string | null }> {
  const [row] = await db
    .select({ agendaItemId: meetingDocuments.agendaItemId })
    .from(meetingDocuments)
    .where(and(eq(meetingDocuments.meetingId, meetingId), eq(meetingDocuments.documentId, documentId)))
    .limit(1);
  if (!row) throw new AppError('document.not_found');
  return row;
}

/** Inside the store's transaction of a replacement: still part of the meeting, still editable. */
export async function recordReplacement(tx: Tx, meetingId: string, documentId: string): Promise<void> {
  await lockAgenda(tx, meetingId);
  await assertStillEditable(tx, meetingId, 'documents');
  await meetingDocumentOf(tx, meetingId, documentId);
  await bumpRevision(tx, meetingId);
}

/** Takes a document out of the meeting; the store keeps it and its versions. */
export async function detachDocument(db: Db, meetingId: string, documentId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockAgenda(tx, meetingId);
    await assertStillEditable(tx, meetingId, 'documents');
    await meetingDocumentOf(tx, meetingId, documentId);
    await tx.delete(meetingDocuments).where(and(eq(meetingDocuments.meetingId, meetingId), eq(meetingDocuments.documentId, documentId)));
    await bumpRevision(tx, meetingId);
  });
}

/** Meetings this document takes part in (for the documents store's reader rule). */
export async function meetingsWithDocument(db: Tx, documentId: string): Promise<string[]> {
  const rows = await db.select({ meetingId: meetingDocuments.meetingId }).from(meetingDocuments).where(eq(meetingDocuments.documentId, documentId));
  return rows.map((r) => r.meetingId);
}
