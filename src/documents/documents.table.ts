import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.ts';
import { DOCUMENT_VERSION_REASONS } from '../contract/documents.ts';
import { units } from '../org/units.table.ts';

export const documentVersionReasonEnum = pgEnum('document_version_reason', DOCUMENT_VERSION_REASONS);

// PDF bytes live on disk under DATA_DIR/documents, named by their SHA-256 and written once; a
// blob row says the file is complete and kept. Versions point at blobs, so the same bytes
// uploaded twice (or shared by two documents) are stored once. Nothing here is ever updated
// except a document's current version, which only moves forward.
export const documentBlobs = pgTable('document_blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    title: text('title').notNull(),
    /** The unit the document belongs to: its clerks, leaders and those of units above it see it. */
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    currentVersion: integer('current_version').notNull().default(1),
  },
  (t) => [index('documents_owner_unit_idx').on(t.ownerUnitId)],
);

export const documentVersions = pgTable(
  'document_versions',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => documentBlobs.sha256),
    size: bigint('size', { mode: 'number' }).notNull(),
    pages: integer('pages').notNull(),
    reason: documentVersionReasonEnum('reason').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.version] }), index('document_versions_sha256_idx').on(t.sha256)],
);

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentVersionRow = typeof documentVersions.$inferSelect;
