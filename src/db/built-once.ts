// drizzle builds a statement's SQL text from its tree of chunks on every execution, and during
// a batch signature that was the largest part of the event loop's garbage: ~0.6 MB per document
// for its fourteen statements, over half of everything the loop allocated, and what its
// collections had to copy (BENCHMARKS.md, batch signing). A statement built once with
// placeholders (`sql.placeholder`) and run with values skips both the builder and the text.
//
// drizzle's own prepared queries are bound to the client they were built on, so one built on the
// database would run outside the caller's transaction. The built statement is kept once per
// driver, and each run points it at the client of the database or transaction it is given.
import { is, Param, Placeholder, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgPreparedQuery, PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Tx } from './client.ts';

type Prepared<R> = PgPreparedQuery<PreparedQueryConfig & { execute: R }>;

/** What a drizzle query builder offers: prepare (its statement, with its placeholders). */
interface Preparable<R> {
  prepare(name: string): Prepared<R>;
}

/** A statement built once, run on a database or inside a transaction with its placeholders' values. */
export type BuiltStatement<V extends Record<string, unknown>, R> = (db: Tx, values: V) => Promise<R>;

/**
 * `build` makes the statement with `sql.placeholder(name)` where values go; it runs once per
 * driver, never per execution, so it must not capture values (nor may a table fill in a
 * column with a JavaScript default: it would be filled once). `name` appears in drizzle's
 * prepared query (and in Postgres's, when the driver prepares statements by name).
 */
export function builtOnce<V extends Record<string, unknown>, R>(name: string, build: (db: Tx) => Preparable<R>): BuiltStatement<V, R> {
  const byDriver = new Map<unknown, Prepared<R>>();
  return (db, values) => {
    const session = sessionOf(db);
    let prepared = byDriver.get(session.constructor);
    if (!prepared) {
      prepared = build(db).prepare(name);
      if (!('client' in prepared)) throw new Error(`built statement ${name}: this drizzle version's prepared query has no client to point at a transaction`);
      nullsAsNull(prepared);
      byDriver.set(session.constructor, prepared);
    }
    return runOn(prepared, session.client).execute(values);
  };
}

/**
 * drizzle maps a literal null to NULL without asking the column, but a placeholder's value
 * always goes through the column's mapping, and a timestamp's throws on null. Mapped the way
 * literals are instead: null stays null.
 */
function nullsAsNull(prepared: object): void {
  const { params } = prepared as { params?: unknown };
  if (!Array.isArray(params)) throw new Error('built statement: this drizzle version keeps no parameters on its prepared query');
  params.forEach((param: unknown, at) => {
    if (!is(param, Param) || !is(param.value, Placeholder)) return;
    const { encoder } = param;
    params[at] = new Param(param.value, { mapToDriverValue: (value: unknown) => (value === null ? null : encoder.mapToDriverValue(value)) });
  });
}

/** drizzle's session under a database or transaction, and the driver's client it queries (a transaction's own inside one). */
function sessionOf(db: Tx): { constructor: unknown; client: unknown } {
  const session: unknown = (db as unknown as { _: { session: unknown } })._.session;
  if (typeof session !== 'object' || session === null || !('client' in session)) throw new Error('built statement: this drizzle version keeps no client on its session');
  return session as { constructor: unknown; client: unknown };
}

/** The prepared query as it is when `client` is the one it was built on; otherwise a copy that queries `client`. */
function runOn<R>(prepared: Prepared<R>, client: unknown): Prepared<R> {
  if ((prepared as unknown as { client: unknown }).client === client) return prepared;
  return Object.assign(Object.create(Object.getPrototypeOf(prepared) as object) as Prepared<R>, prepared, { client });
}

/**
 * A placeholder for a value of `column` where drizzle does not map it by itself (an update's
 * `set`, a comparison): its value goes through the column's mapping to the driver, as a
 * literal value would (a Date becomes the text drizzle sends for a timestamp).
 */
export function placeholderFor<C extends PgColumn>(column: C, name: string): SQL<C['_']['data']> {
  return sql<C['_']['data']>`${new Param(sql.placeholder(name), column)}`;
}
