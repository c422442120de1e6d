import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { documents, documentVersions, type DocumentRow, type DocumentVersionRow } from './documents.table.ts';

/** A document at its current version, as lists show it (agendas, manifests, inboxes). */
export interface CurrentVersion {
  id: string;
  title: string;
  version: number;
  sha256: string;
  size: number;
  pages: number;
}

/** The current versions of the documents with these ids that exist, in one query. */
export async function currentVersions(db: Tx, ids: readonly string[]): Promise<CurrentVersion[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: documents.id,
      title: documents.title,
      version: documentVersions.version,
      sha256: documentVersions.sha256,
      size: documentVersions.size,
      pages: documentVersions.pages,
    })
    .from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
    .where(inArray(documents.id, [...new Set(ids)]));
}

/** The documents with these ids that exist, each with its current version's row, in one query. */
export async function documentsAtCurrent(db: Tx, ids: readonly string[]): Promise<Array<{ document: DocumentRow; current: DocumentVersionRow }>> {
  if (ids.length === 0) return [];
  return db
    .select({ document: documents, current: documentVersions })
    .from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
    .where(inArray(documents.id, [...new Set(ids)]));
}
