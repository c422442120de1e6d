import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth/plugin.ts';
import type { Db } from '../db/client.ts';
import { problemResponses } from '../errors/openapi.ts';
import { listMeetingsFor } from '../meetings/meeting-access.ts';
import { meetingSummarySchema } from '../meetings/schemas.ts';

export const homeSchema = z.object({
  upcomingMeetings: z.array(meetingSummarySchema),
  awaitingDocuments: z.array(z.object({ id: z.uuid(), title: z.string() })),
});

/** A meeting that started up to this long ago is still "upcoming": it may be running now. */
const RUNNING_WINDOW_MS = 12 * 3_600_000;

// The home page's two lists. Documents arrive with their own capability; until then nothing
// can await a user and that list is honestly empty.
export async function homeRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/home',
    {
      schema: {
        tags: ['home'],
        summary: 'What the home page lists for the caller',
        response: { 200: homeSchema, ...problemResponses(401) },
      },
    },
    async (request) => {
      const since = new Date(Date.now() - RUNNING_WINDOW_MS);
      const meetings = await listMeetingsFor(db, principalOf(request), { since, limit: 20 });
      return { upcomingMeetings: meetings.filter((m) => m.status !== 'closed' && m.status !== 'ended'), awaitingDocuments: [] };
    },
  );
}
