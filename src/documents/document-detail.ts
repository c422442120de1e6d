import { getPeople } from '../auth/index.ts';
import { documentFileUrl, type DocumentDetail } from '../contract/documents.ts';
import type { Tx } from '../db/index.ts';
import { getUnits } from '../org/index.ts';
import type { StoredDocument } from './document-store.ts';

/** A stored document as the API shows it, with the people and unit it names looked up in two batched queries. */
export async function toDocumentDetail(db: Tx, doc: StoredDocument): Promise<DocumentDetail> {
  const [people, [unit]] = await Promise.all([getPeople(db, [doc.createdBy, ...doc.versions.map((v) => v.createdBy)]), getUnits(db, [doc.ownerUnitId])]);
  const person = (id: string) => {
    const found = people.find((p) => p.id === id);
    if (!found) throw new Error(`documents: user ${id} does not exist`);
    return found;
  };
  if (!unit) throw new Error(`documents: unit ${doc.ownerUnitId} does not exist`);
  const current = doc.versions.find((v) => v.version === doc.currentVersion);
  if (!current) throw new Error(`documents: ${doc.id} has no version ${doc.currentVersion}`);
  return {
    id: doc.id,
    title: doc.title,
    version: current.version,
    sha256: current.sha256,
    size: current.size,
    pages: current.pages,
    url: documentFileUrl(doc.id, current.version),
    ownerUnit: { id: unit.id, code: unit.code, name: unit.name },
    createdBy: person(doc.createdBy),
    createdAt: doc.createdAt.toISOString(),
    versions: doc.versions.map((v) => ({
      version: v.version,
      sha256: v.sha256,
      size: v.size,
      pages: v.pages,
      reason: v.reason,
      createdAt: v.createdAt.toISOString(),
      createdBy: person(v.createdBy),
      url: documentFileUrl(doc.id, v.version),
    })),
  };
}
