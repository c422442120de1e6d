import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { Database, Schema } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Applies the committed SQL in migrations/ (drizzle-kit output); idempotent. */
export async function migrate(database: Database): Promise<void> {
  // The migrators are per driver; the database object knows which one it is.
  if (database.kind === 'pglite') {
    await migratePglite(database.db as PgliteDatabase<Schema>, { migrationsFolder });
  } else {
    await migratePostgres(database.db as PostgresJsDatabase<Schema>, { migrationsFolder });
  }
}
