import { problemSchema } from '../contract/problem.ts';

/** The problem+json body under each of these statuses, for a route's `response` map (OpenAPI). */
export function problemResponses<S extends number>(...statuses: S[]): Record<S, typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema])) as Record<S, typeof problemSchema>;
}
