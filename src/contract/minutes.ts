import { z } from 'zod';
import { CONCLUSIONS_MAX } from './minutes-limits.ts';

// A meeting's minutes (issue 10.9): drafted from what happened once the meeting has ended,
// regenerated on every read until it is closed, then stored as a document version that the
// signing workflow routes to chair and secretary. `GET /api/meetings/:id/minutes` (this JSON),
// `PUT` the secretary's conclusions, `GET …/minutes/file` the PDF.

export const MINUTES_STATUSES = ['none', 'draft', 'final'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

export { CONCLUSIONS_MAX, minutesFileUrl } from './minutes-limits.ts';

export const minutesSchema = z
  .object({
    /** none: the meeting has not ended; draft: ended, regenerated on each read; final: closed and stored. */
    status: z.enum(MINUTES_STATUSES),
    conclusions: z.string(),
    /** Conclusions of single agenda items, by item id (optional; printed under each item). */
    itemConclusions: z.record(z.string(), z.string()),
    /** The stored final minutes (documents store), once closed. */
    documentId: z.uuid().nullable(),
    version: z.int().positive().nullable(),
    /** Last change of the conclusions or the finalisation; null when nothing was saved yet. */
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Minutes' });
export type Minutes = z.infer<typeof minutesSchema>;

/** The meeting's conclusions; with `itemConclusions`, those of the items too (replacing the saved ones; empty text drops one). */
export const saveConclusionsSchema = z.object({
  conclusions: z.string().max(CONCLUSIONS_MAX),
  itemConclusions: z.record(z.uuid(), z.string().max(CONCLUSIONS_MAX)).optional(),
});
export type SaveConclusions = z.infer<typeof saveConclusionsSchema>;
