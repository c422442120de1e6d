// The messages between the server and the embedded database's thread (pglite-thread.ts and
// pglite-worker.ts). Everything in them crosses by structured clone: no functions.
import type { QueryOptions, Results } from '@electric-sql/pglite';

/** A query's options as they cross: what PGlite needs, without parsers or serializers (functions). */
export type CrossingQueryOptions = Pick<QueryOptions, 'rowMode' | 'paramTypes'>;

export type ThreadRequest =
  | { id: number; op: 'query'; text: string; params: unknown[] | undefined; options: CrossingQueryOptions | undefined; tx: number | undefined }
  | { id: number; op: 'begin'; tx: number }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close' };

/** An error as it crosses: its name, message and the facts drivers read (code, constraint, detail…). */
export interface CrossedError {
  name: string;
  message: string;
  props: Record<string, string | number | boolean>;
}

export type ThreadReply = { id: number; ok: true; result: Results<unknown> | null } | { id: number; ok: false; error: CrossedError };

/** The worker's first message: the database is open (and on which OS thread it runs), or why not. */
export type ThreadReady = { ready: true; osThreadId: number | undefined } | { ready: false; error: CrossedError };

export function crossedError(err: unknown): CrossedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), props: {} };
  const props: CrossedError['props'] = {};
  for (const [key, value] of Object.entries(err)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') props[key] = value;
  }
  return { name: err.name, message: err.message, props };
}

/** The error again on this side, with the fields callers test (SQLSTATE `code` above all). */
export function revivedError(crossed: CrossedError): Error {
  const err = new Error(crossed.message);
  Object.assign(err, crossed.props);
  err.name = crossed.name;
  return err;
}
