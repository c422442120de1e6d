import { z } from 'zod';

// RFC 9457 problem details, as every failed request answers (`application/problem+json`). The
// codes and their messages are the server's catalogue (src/errors/catalogue.ts, docs/errors.md);
// here only the shape, which clients read.

/** One of the fields a `validation_failed` problem lists in `errors`, e.g. `{ field: 'body.title', message }`. */
export const fieldIssueSchema = z.object({ field: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** Extra members ride along (`errors`, `unitIds`, `lockedUntil` …), hence loose. */
export const problemSchema = z
  .object({
    type: z.string(),
    /** A human message, already in the language asked for with Accept-Language. */
    title: z.string(),
    status: z.number().int(),
    /** Stable machine code, e.g. `auth.invalid_credentials`; clients switch on it, never on text. */
    code: z.string(),
    detail: z.string().optional(),
  })
  .loose();
export type Problem = z.infer<typeof problemSchema>;
