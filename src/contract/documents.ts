import { z } from 'zod';
import { personRefSchema } from './auth.ts';
import { unitRefSchema } from './units.ts';

// The documents store's API shapes: PDFs kept by SHA-256, each version immutable. The versions
// table takes its `reason` enum from here.

/** Why a version exists. A signature's version starts with the previous version's bytes. */
export const DOCUMENT_VERSION_REASONS = ['upload', 'replace', 'signature', 'seal', 'minutes'] as const;
export type DocumentVersionReason = (typeof DOCUMENT_VERSION_REASONS)[number];

/** Lower-case hex SHA-256 of a version's bytes; also its strong ETag (in quotes). */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** Multipart fields of an upload besides `file` (sent as text parts). */
export const documentUploadFieldsSchema = z.object({
  /** Defaults to the file's name without `.pdf`. */
  title: z.string().trim().min(1).max(300).optional(),
});

/** What an upload (or a new version) answers: `201 {id, version, sha256, size, pages}`. */
export const documentStoredSchema = z
  .object({
    id: z.uuid(),
    version: z.int().positive(),
    sha256: sha256Schema,
    /** Bytes. */
    size: z.int().nonnegative(),
    pages: z.int().positive(),
  })
  .meta({ id: 'DocumentStored' });
export type DocumentStored = z.infer<typeof documentStoredSchema>;

export const documentVersionSchema = z
  .object({
    version: z.int().positive(),
    sha256: sha256Schema,
    size: z.int().nonnegative(),
    pages: z.int().positive(),
    reason: z.enum(DOCUMENT_VERSION_REASONS),
    createdAt: z.iso.datetime({ offset: true }),
    createdBy: personRefSchema,
    /** Downloads exactly this version's bytes. */
    url: z.string(),
  })
  .meta({ id: 'DocumentVersion' });
export type DocumentVersion = z.infer<typeof documentVersionSchema>;

/** `GET /api/documents/:id`: the document, its current version's facts and every version, oldest first. */
export const documentDetailSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    /** The current (newest) version. */
    version: z.int().positive(),
    sha256: sha256Schema,
    size: z.int().nonnegative(),
    pages: z.int().positive(),
    url: z.string(),
    ownerUnit: unitRefSchema,
    createdBy: personRefSchema,
    createdAt: z.iso.datetime({ offset: true }),
    versions: z.array(documentVersionSchema),
  })
  .meta({ id: 'DocumentDetail' });
export type DocumentDetail = z.infer<typeof documentDetailSchema>;

export const documentIdParamsSchema = z.object({ id: z.uuid() });
export const documentVersionParamsSchema = z.object({ id: z.uuid(), version: z.coerce.number().int().positive().max(1_000_000) });

/** Where a version's bytes are served by the documents routes. */
export const documentFileUrl = (documentId: string, version: number): string => `/api/documents/${documentId}/versions/${version}/file`;
