import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../errors/openapi.ts';

export const homeSchema = z.object({
  upcomingMeetings: z.array(z.object({ id: z.uuid(), title: z.string(), startsAt: z.iso.datetime({ offset: true }) })),
  awaitingDocuments: z.array(z.object({ id: z.uuid(), title: z.string() })),
});

// The home page's two lists. Meetings and documents arrive with their own capabilities; until
// then there is nothing that could await a user, and the lists are honestly empty.
export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/home',
    {
      schema: {
        tags: ['home'],
        summary: 'What the home page lists for the caller',
        response: { 200: homeSchema, ...problemResponses(401) },
      },
    },
    async () => ({ upcomingMeetings: [], awaitingDocuments: [] }),
  );
}
