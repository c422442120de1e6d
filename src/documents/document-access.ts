// Who may read a stored document. The store's own rule is the owner unit's subtree: the
// uploader, and the clerks, leaders and admins of the owner unit or of a unit above it. Other
// capabilities know more readers than that — the signers of a document's signing route (the
// workflow), everyone invited to a meeting the document belongs to (agenda) — and register a
// rule here at start, in app.ts. documents/ itself knows neither meetings nor routes.
import type { Principal } from '../auth/index.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { isUnitWithin } from '../org/index.ts';
import type { DocumentStore, StoredDocument } from './document-store.ts';
import type { DocumentRow } from './documents.table.ts';

/** One more way to be allowed to read a document; true grants, false says nothing. */
export type DocumentReaderRule = (db: Tx, principal: Principal, documentId: string) => Promise<boolean>;

/** Roles that see every document of their unit's subtree. Members see what a rule grants them. */
const UNIT_READERS = ['clerk', 'leader', 'admin'] as const;

export class DocumentReaders {
  readonly #rules: DocumentReaderRule[] = [];

  /** Registered once at start (app.ts); rules are asked in order until one grants. */
  add(rule: DocumentReaderRule): void {
    this.#rules.push(rule);
  }

  async canRead(db: Tx, principal: Principal, doc: Pick<DocumentRow, 'id' | 'ownerUnitId' | 'createdBy'>): Promise<boolean> {
    if (doc.createdBy === principal.id) return true;
    if (principal.roles.some((r) => (UNIT_READERS as readonly string[]).includes(r)) && (await isUnitWithin(db, principal.unit.path, doc.ownerUnitId))) {
      return true;
    }
    for (const rule of this.#rules) if (await rule(db, principal, doc.id)) return true;
    return false;
  }
}

/** The document if `principal` may read it: document.not_found when there is none, document.forbidden when it is not theirs to see. */
export async function readableDocument(db: Tx, store: DocumentStore, readers: DocumentReaders, principal: Principal, id: string): Promise<StoredDocument> {
  const doc = await store.get(db, id);
  if (!doc) throw new AppError('document.not_found');
  if (!(await readers.canRead(db, principal, doc))) throw new AppError('document.forbidden');
  return doc;
}
