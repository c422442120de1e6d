import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../auth/index.ts';
import { homeSchema } from '../contract/home.ts';
import type { Db } from '../db/index.ts';
import { problemResponses } from '../errors/index.ts';
import { listMeetingsFor } from '../meetings/index.ts';

/** A meeting that started up to this long ago is still "upcoming": it may be running now. */
const RUNNING_WINDOW_MS = 12 * 3_600_000;
const UPCOMING = ['draft', 'scheduled', 'live'] as const;

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
      // Drafts show to those preparing them (nobody else sees one); over, closed or cancelled is not upcoming.
      const upcomingMeetings = await listMeetingsFor(db, principalOf(request), { since, statuses: UPCOMING, limit: 20 });
      return { upcomingMeetings, awaitingDocuments: [] };
    },
  );
}
