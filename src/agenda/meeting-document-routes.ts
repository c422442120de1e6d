// A meeting's documents over HTTP: uploads attached to the meeting or one item, replacements
// (a new version tablets are told about), removal, the manifest tablets prefetch, and the files
// themselves under the meeting's address, so the invitation decides who reads them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Principal } from '../auth/index.ts';
import {
  manifestSchema,
  meetingDocumentFieldsSchema,
  meetingDocumentFileParamsSchema,
  meetingDocumentParamsSchema,
} from '../contract/agenda.ts';
import { documentStoredSchema } from '../contract/documents.ts';
import { meetingIdParamsSchema } from '../contract/meetings.ts';
import { parseUploadFields } from '../documents/index.ts';
import { AppError, problemResponses } from '../errors/index.ts';
import type { MeetingRow } from '../meetings/index.ts';
import { loadAgenda, manifestOf } from './agenda-view.ts';
import { attachDocument, detachDocument, meetingDocumentOf, recordReplacement } from './meeting-documents.ts';
import { assertEditable, meetingToManage, meetingToRead } from './meeting-rules.ts';
import type { AgendaRoutesOptions } from './routes-options.ts';

const UPLOAD_PROBLEMS = problemResponses(400, 401, 403, 404, 409, 413, 415, 422);

export async function meetingDocumentRoutes(app: FastifyInstance, { db, store, pusher }: AgendaRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** A manager of a meeting whose documents may still change; checked before any byte is read. */
  const toEditDocuments = async (principal: Principal, meetingId: string): Promise<MeetingRow> => {
    const meeting = await meetingToManage(db, principal, meetingId);
    assertEditable(meeting.status, 'documents');
    return meeting;
  };
  /** Tells the audience about the new version and the changed agenda. */
  const announce = async (meetingId: string, documentId: string): Promise<void> => {
    const agenda = await loadAgenda(db, meetingId);
    const document = manifestOf(agenda).documents.find((d) => d.id === documentId);
    if (document) pusher.toMeeting(meetingId, { method: 'documentVersionAdded', data: { meetingId, document } });
    pusher.toMeeting(meetingId, { method: 'agendaUpdated', data: agenda });
  };

  r.post(
    '/api/meetings/:id/documents',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Upload a PDF for the meeting: multipart `file`, optional `agendaItemId` and `title`',
        consumes: ['multipart/form-data'],
        params: meetingIdParamsSchema,
        response: { 201: documentStoredSchema, ...UPLOAD_PROBLEMS },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const meeting = await toEditDocuments(principal, request.params.id);
      const stored = await store.withUpload(request, reply, async (upload) => {
        const fields = parseUploadFields(meetingDocumentFieldsSchema, upload.fields);
        // Owned by the organising unit: its clerks and leaders keep it when the meeting is over.
        return store.create(upload, { title: fields.title, ownerUnitId: meeting.organiserUnitId, createdBy: principal.id }, (tx, doc) =>
          attachDocument(tx, { meetingId: meeting.id, documentId: doc.id, agendaItemId: fields.agendaItemId, addedBy: principal.id }),
        );
      });
      await announce(meeting.id, stored.id);
      return reply.code(201).send(stored);
    },
  );

  r.post(
    '/api/meetings/:id/documents/:documentId/versions',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Replace a meeting document: the upload becomes its next version, and tablets are told',
        consumes: ['multipart/form-data'],
        params: meetingDocumentParamsSchema,
        response: { 201: documentStoredSchema, ...UPLOAD_PROBLEMS },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const meeting = await toEditDocuments(principal, request.params.id);
      const { documentId } = request.params;
      await meetingDocumentOf(db, meeting.id, documentId);
      const stored = await store.withUpload(request, reply, (upload) =>
        store.addVersion(upload, { documentId, createdBy: principal.id, reason: 'replace' }, (tx) => recordReplacement(tx, meeting.id, documentId)),
      );
      await announce(meeting.id, documentId);
      return reply.code(201).send(stored);
    },
  );

  r.delete(
    '/api/meetings/:id/documents/:documentId',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Take a document out of the meeting (the store keeps it)',
        params: meetingDocumentParamsSchema,
        response: { 204: z.null(), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const meeting = await toEditDocuments(principal, request.params.id);
      await detachDocument(db, meeting.id, request.params.documentId);
      pusher.toMeeting(meeting.id, { method: 'agendaUpdated', data: await loadAgenda(db, meeting.id) });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/meetings/:id/manifest',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Every document version of the meeting with SHA-256, size and URL (what tablets prefetch)',
        params: meetingIdParamsSchema,
        response: { 200: manifestSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const meeting = await meetingToRead(db, principalOf(request), request.params.id);
      return manifestOf(await loadAgenda(db, meeting.id));
    },
  );

  r.get(
    '/api/meetings/:id/documents/:documentId/versions/:version/file',
    {
      schema: {
        tags: ['agenda'],
        summary: 'The exact bytes of a meeting document’s version (Range, ETag = SHA-256, If-None-Match)',
        params: meetingDocumentFileParamsSchema,
        response: problemResponses(401, 403, 404, 416),
      },
    },
    async (request, reply) => {
      const { id, documentId, version } = request.params;
      const meeting = await meetingToRead(db, principalOf(request), id);
      await meetingDocumentOf(db, meeting.id, documentId);
      const row = await store.getVersion(db, documentId, version);
      if (!row) throw new AppError('document.not_found');
      return store.send(request, reply, row);
    },
  );
}
