// drizzle's PGlite driver passes the same parsers with every query (dates, timestamps, intervals
// and their arrays, numeric[] kept as text). PGlite merges per-query parsers into a copy of its
// whole parser map — every type and array type of the database, hundreds of entries — for each
// result: ~120 KB of garbage per statement. During a batch signature that was 1.6 MB per
// document, and the major collections it brought paused the event loop 8–15 ms at a time
// (BENCHMARKS.md, batch signing). Installed once at start, the same parsers cost nothing per query.
import { types, type PGlite } from '@electric-sql/pglite';

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
 * would replace those of numeric[] and the date arrays) and drops them from each query, so
 * PGlite uses its map as is — on the client and inside its transactions (a transaction's
 * `query` does not go through the client's). Parsers for any other type reach PGlite untouched.
 */
export function installParsersOnce(client: PGlite): void {
  Object.assign(client.parsers, DRIZZLE_PARSERS);
  client.query = withoutInstalledParsers(client.query.bind(client));
  const transaction = client.transaction.bind(client);
  client.transaction = (callback) => transaction((tx) => callback(Object.create(tx, { query: { value: withoutInstalledParsers(tx.query) } }) as typeof tx));
}

type Query = PGlite['query'];

function withoutInstalledParsers(query: Query): Query {
  return (text, params, options) => {
    const parsers = options?.parsers;
    if (parsers && Object.keys(parsers).every((oid) => installed.has(oid))) {
      const { parsers: _installed, ...rest } = options;
      return query(text, params, rest);
    }
    return query(text, params, options);
  };
}
