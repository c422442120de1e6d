// What other capabilities add to `GET /api/documents/:id`: the signing workflow adds the
// document's route. documents/ knows neither routes nor meetings, so app.ts registers each
// extension here at start, as it does for DocumentReaders; the answer is the detail plus the
// fields the extensions return (their shapes are in their own contract files).
import type { Tx } from '../db/index.ts';
import type { DocumentRow } from './documents.table.ts';

/** Extra top-level fields for one document's detail, e.g. `{ route: … }`. */
export type DocumentDetailExtension = (db: Tx, doc: Pick<DocumentRow, 'id' | 'ownerUnitId' | 'createdBy'>) => Promise<Record<string, unknown>>;

export class DocumentDetailExtensions {
  readonly #extensions: DocumentDetailExtension[] = [];

  /** Registered once at start (app.ts). */
  add(extension: DocumentDetailExtension): void {
    this.#extensions.push(extension);
  }

  /** Every extension's fields, merged in registration order. */
  async fieldsFor(db: Tx, doc: Pick<DocumentRow, 'id' | 'ownerUnitId' | 'createdBy'>): Promise<Record<string, unknown>> {
    const parts = await Promise.all(this.#extensions.map((extend) => extend(db, doc)));
    return Object.assign({}, ...parts) as Record<string, unknown>;
  }
}
