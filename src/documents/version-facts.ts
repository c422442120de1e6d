import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { documentVersions } from './documents.table.ts';

/** One version's facts, or undefined when the document has no such version. */
export async function versionFacts(db: Tx, documentId: string, version: number): Promise<{ sha256: string; size: number; pages: number } | undefined> {
  const [row] = await db
    .select({ sha256: documentVersions.sha256, size: documentVersions.size, pages: documentVersions.pages })
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, version)))
    .limit(1);
  return row;
}
