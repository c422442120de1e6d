import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/**
 * Integration tests run once on embedded PGlite and once on a Postgres server: scripts/test.sh
 * sets TEST_DATABASE_URL for the second run. Each test file gets a database of its own, made
 * here and dropped afterwards, so files can run in parallel.
 */
export const serverUrl = process.env.TEST_DATABASE_URL || undefined;
export const databaseKind = serverUrl ? 'postgres' : 'pglite';

export async function createScratchDatabase(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  if (!serverUrl) return { url: undefined, drop: async () => {} };
  const name = `ecabinet_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}
