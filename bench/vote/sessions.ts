// Signed-in sessions for the benchmark's accounts, written straight into the prepared database
// before the server starts: 600 password logins would spend half a minute in scrypt measuring
// nothing this benchmark is about (bench/join-storm times logins apart for that reason).
import { inArray } from 'drizzle-orm';
import { SESSION_COOKIE } from '../../src/auth/index.ts';
import { createSession } from '../../src/auth/session.service.ts';
import { users } from '../../src/auth/users.table.ts';
import { openDatabase } from '../../src/db/client.ts';
import type { BenchDatabase } from '../join-storm/server.ts';

/** `ecabinet_session=…` cookies by username. The database must not be open elsewhere (PGlite). */
export async function createSessions(db: BenchDatabase, usernames: readonly string[]): Promise<Map<string, string>> {
  const database = await openDatabase({ databaseUrl: db.url, dataDir: db.dataDir });
  try {
    const rows = await database.db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, [...usernames]));
    if (rows.length !== usernames.length) throw new Error(`sessions: ${usernames.length - rows.length} accounts missing`);
    const cookies = new Map<string, string>();
    for (const row of rows) {
      const { token } = await createSession(database.db, row.id, 6 * 3_600_000);
      cookies.set(row.username, `${SESSION_COOKIE}=${token}`);
    }
    return cookies;
  } finally {
    await database.close();
  }
}
