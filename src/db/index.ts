// The database: one drizzle client over embedded PGlite or a Postgres server, and the migrator.
// Tables belong to their capabilities; schema.ts only gathers them for drizzle.
export { builtOnce, placeholderFor, type BuiltStatement } from './built-once.ts';
export { pipelined } from './pipelined.ts';
export { openDatabase, type Database, type DatabaseOptions, type Db, type Schema, type Tx } from './client.ts';
export { DataDirLockedError } from './data-dir-lock.ts';
export { migrate } from './migrate.ts';
