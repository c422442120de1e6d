import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf, type Guard } from '../auth/index.ts';
import {
  documentDetailSchema,
  documentIdParamsSchema,
  documentStoredSchema,
  documentUploadFieldsSchema,
  documentVersionParamsSchema,
} from '../contract/documents.ts';
import type { Db } from '../db/index.ts';
import { AppError, problemResponses } from '../errors/index.ts';
import type { Principal } from '../auth/index.ts';
import { readableDocument, type DocumentReaders } from './document-access.ts';
import type { DocumentDetailExtensions } from './detail-extensions.ts';
import { toDocumentDetail } from './document-detail.ts';
import type { DocumentStore, StoredDocument } from './document-store.ts';
import { parseUploadFields } from './upload-fields.ts';

export interface DocumentRoutesOptions {
  db: Db;
  guard: Guard;
  store: DocumentStore;
  readers: DocumentReaders;
  /** Fields other capabilities add to a document's detail (the workflow's `route`). */
  extensions?: DocumentDetailExtensions;
}

/** Who may upload a standalone document: those who draft documents and send them for signature. */
const UPLOADERS = ['clerk', 'leader'] as const;

// The detail keeps the fields extensions add (their schemas live in their capabilities' contracts).
const extendedDetailSchema = documentDetailSchema.loose();

export async function documentRoutes(app: FastifyInstance, { db, guard, store, readers, extensions }: DocumentRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const readable = (principal: Principal, id: string): Promise<StoredDocument> => readableDocument(db, store, readers, principal, id);

  r.post(
    '/api/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Upload a PDF of the caller’s unit (clerk or leader): multipart field `file`, optional `title`',
        consumes: ['multipart/form-data'],
        response: { 201: documentStoredSchema, ...problemResponses(400, 401, 403, 413, 415, 422) },
      },
      preHandler: guard({ roles: UPLOADERS }),
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const stored = await store.withUpload(request, reply, async (upload) => {
        const { title } = parseUploadFields(documentUploadFieldsSchema, upload.fields);
        return store.create(upload, { title, ownerUnitId: principal.unit.id, createdBy: principal.id });
      });
      return reply.code(201).send(stored);
    },
  );

  r.get(
    '/api/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'A document the caller may read, with every version',
        params: documentIdParamsSchema,
        response: { 200: extendedDetailSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const doc = await readable(principalOf(request), request.params.id);
      const [detail, extra] = await Promise.all([toDocumentDetail(db, doc), extensions?.fieldsFor(db, doc) ?? {}]);
      return { ...extra, ...detail };
    },
  );

  r.get(
    '/api/documents/:id/versions/:version/file',
    {
      schema: {
        tags: ['documents'],
        summary: 'The exact bytes of one version (Range, ETag = SHA-256, If-None-Match)',
        params: documentVersionParamsSchema,
        response: problemResponses(401, 403, 404, 416),
      },
    },
    async (request, reply) => {
      const doc = await readable(principalOf(request), request.params.id);
      const version = doc.versions.find((v) => v.version === request.params.version);
      if (!version) throw new AppError('document.not_found');
      return store.send(request, reply, { sha256: version.sha256, size: version.size, title: doc.title });
    },
  );
}
