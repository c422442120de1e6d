import { z } from 'zod';
import { meetingSummarySchema } from './meetings.ts';

/** A document waiting for the caller. Documents arrive with their own capability; until then the list is empty. */
export const documentSummarySchema = z.object({ id: z.uuid(), title: z.string() });
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

/** `GET /api/home`: the home page's two lists. */
export const homeSchema = z.object({
  upcomingMeetings: z.array(meetingSummarySchema),
  awaitingDocuments: z.array(documentSummarySchema),
});
export type Home = z.infer<typeof homeSchema>;
