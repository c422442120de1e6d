import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth/index.ts';
import { attendanceSheetSchema } from '../contract/attendance.ts';
import { meetingIdParamsSchema } from '../contract/meetings.ts';
import type { Db } from '../db/index.ts';
import { pickLang, problemResponses } from '../errors/index.ts';
import { attendanceSheet } from './attendance-sheet.ts';
import { assertSheetReader } from './sheet-access.ts';
import { sheetCsv } from './sheet-csv.ts';

export async function attendanceRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/meetings/:id/attendance',
    {
      schema: {
        tags: ['attendance'],
        summary: 'The attendance sheet: who came from which unit when, who is present, the quorum (chair, organiser, secretary)',
        params: meetingIdParamsSchema,
        response: { 200: attendanceSheetSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => attendanceSheet(db, await assertSheetReader(db, principalOf(request), request.params.id)),
  );

  r.get(
    '/api/meetings/:id/attendance.csv',
    {
      schema: {
        tags: ['attendance'],
        summary: 'The attendance sheet as CSV for Excel (UTF-8 with BOM, times in Vietnam time)',
        params: meetingIdParamsSchema,
        response: { 200: z.string().describe('text/csv; charset=utf-8, with a byte order mark'), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const meeting = await assertSheetReader(db, principalOf(request), request.params.id);
      const csv = sheetCsv(await attendanceSheet(db, meeting), pickLang(request.headers['accept-language']));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="attendance-${meeting.id}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}
