import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../auth/index.ts';
import { meetingIdParamsSchema } from '../contract/meetings.ts';
import { minutesSchema, saveConclusionsSchema, type Minutes } from '../contract/minutes.ts';
import type { Db, Tx } from '../db/index.ts';
import type { DocumentStore } from '../documents/index.ts';
import { AppError, problemResponses } from '../errors/index.ts';
import type { MeetingRow } from '../meetings/index.ts';
import { conclusionsOf, gatherFacts } from './gather-facts.ts';
import { assertItemsOf } from './item-conclusions.ts';
import { meetingToRead, meetingToWrite, minutesStatus } from './minutes-access.ts';
import type { MinutesRenderer } from './minutes-renderer.ts';
import { minutesRow, saveConclusions } from './minutes-record.ts';
import type { MeetingMinutesRow } from './minutes.table.ts';

export interface MinutesRoutesOptions {
  db: Db;
  store: DocumentStore;
  renderer: MinutesRenderer;
}

function toMinutes(meeting: MeetingRow, row: MeetingMinutesRow | undefined): Minutes {
  return {
    status: minutesStatus(meeting),
    conclusions: row?.conclusions ?? '',
    itemConclusions: row?.itemConclusions ?? {},
    documentId: row?.documentId ?? null,
    version: row?.version ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

// The minutes of a meeting: their state and conclusions (JSON), the secretary's conclusions
// (PUT), and the PDF — generated now while a draft, the stored bytes once final.
export async function minutesRoutes(app: FastifyInstance, { db, store, renderer }: MinutesRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/meetings/:id/minutes',
    {
      schema: {
        tags: ['minutes'],
        summary: 'The minutes of a meeting: none before it ended, a draft until it is closed, then final (stored as a document)',
        params: meetingIdParamsSchema,
        response: { 200: minutesSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const meeting = await meetingToRead(db, principalOf(request), request.params.id);
      return toMinutes(meeting, await minutesRow(db, meeting.id));
    },
  );

  r.put(
    '/api/meetings/:id/minutes',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Write the conclusions of an ended meeting (its secretary, chair or organisers), until it is closed',
        params: meetingIdParamsSchema,
        body: saveConclusionsSchema,
        response: { 200: minutesSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const meeting = await meetingToWrite(db, principal, request.params.id);
      const row = await db.transaction(async (tx: Tx) => {
        // The minutes row first (closing locks it too), then the status again: a close that
        // committed meanwhile refuses this; one still running sees the change and refuses itself.
        const saved = await saveConclusions(tx, meeting.id, request.body, principal.id);
        await meetingToWrite(tx, principal, meeting.id);
        await assertItemsOf(tx, meeting.id, Object.keys(request.body.itemConclusions ?? {}));
        return saved;
      });
      return toMinutes(meeting, row);
    },
  );

  r.get(
    '/api/meetings/:id/minutes/file',
    {
      schema: {
        tags: ['minutes'],
        summary: 'The minutes as PDF: the draft generated now from the meeting, or the stored final version',
        params: meetingIdParamsSchema,
        response: problemResponses(401, 403, 404, 409, 416),
      },
    },
    async (request, reply) => {
      const meeting = await meetingToRead(db, principalOf(request), request.params.id);
      const status = minutesStatus(meeting);
      if (status === 'none') throw new AppError('minutes.not_ended', { extra: { meetingStatus: meeting.status } });
      const row = await minutesRow(db, meeting.id);
      if (status === 'final' && row?.documentId && row.version) {
        const version = await store.getVersion(db, row.documentId, row.version);
        if (!version) throw new AppError('document.not_found');
        return store.send(request, reply, version);
      }
      // A draft (or a meeting closed before minutes were stored): made from the current facts.
      const bytes = await renderer.render(await gatherFacts(db, meeting, conclusionsOf(row), status === 'final'));
      return sendDraft(reply, meeting.id, bytes);
    },
  );
}

/** A draft changes with the meeting until it is closed: never cached. */
function sendDraft(reply: FastifyReply, meetingId: string, bytes: Uint8Array): FastifyReply {
  return reply
    .type('application/pdf')
    .header('Cache-Control', 'no-store')
    .header('Content-Disposition', `inline; filename="minutes-${meetingId}.pdf"`)
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
