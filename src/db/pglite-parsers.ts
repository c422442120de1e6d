// drizzle's PGlite driver passes the same parsers with every query (dates, timestamps, intervals
// and their arrays, numeric[] kept as text). PGlite merges per-query parsers into a copy of its
// whole parser map — every type and array type of the database, hundreds of entries — for each
// result: ~120 KB of garbage per statement. During a batch signature that was 1.6 MB per
// document, and the major collections it brought paused the event loop 8–15 ms at a time
// (BENCHMARKS.md, batch signing). Installed once at start, the same parsers cost nothing per query
// (and, being functions, they could not cross to the database's thread anyway).
import { types, type PGlite, type QueryOptions } from '@electric-sql/pglite';
import type { CrossingQueryOptions } from './pglite-protocol.ts';

type Parsers = PGlite['parsers'];
const asText = (value: string) => value;

/** The parsers drizzle-orm/pglite sends with each query (its session.js). */
const DRIZZLE_PARSERS: Parsers = {
  [types.TIMESTAMP]: asText,
  [types.TIMESTAMPTZ]: asText,
  [types.INTERVAL]: asText,
  [types.DATE]: asText,
  1231: asText, // numeric[]
  1115: asText, // timestamp[]
  1185: asText, // timestamptz[]
  1187: asText, // interval[]
  1182: asText, // date[]
};

const installed = new Set(Object.keys(DRIZZLE_PARSERS));

/**
 * Makes drizzle's parsers the client's own (after PGlite has registered its array types, which
 * would replace those of numeric[] and the date arrays), on the database's thread.
 */
export function installDrizzleParsers(client: PGlite): void {
  Object.assign(client.parsers, DRIZZLE_PARSERS);
}

/**
 * A query's options as they cross to the database's thread: drizzle's parsers dropped (they are
 * installed there). Functions cannot cross, so any other parser or serializer is refused
 * rather than silently ignored.
 */
export function crossingOptions(options: QueryOptions | undefined): CrossingQueryOptions | undefined {
  if (!options) return undefined;
  const { parsers, serializers, onNotice, blob, ...rest } = options;
  if (parsers && !Object.keys(parsers).every((oid) => installed.has(oid))) throw new Error('embedded database: a query brought parsers of its own; only drizzle\'s are installed');
  if (serializers || onNotice || blob) throw new Error('embedded database: query options with functions or blobs cannot reach the database thread');
  return rest;
}
