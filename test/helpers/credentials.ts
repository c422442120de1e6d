// Helpers for the key-custody tests: a migrated, seeded database without the HTTP server, codes
// from an authenticator, the database as a dump would show it, and the outside verifiers
// (pdfsig, openssl cms) run over a signed PDF.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { migrate, openDatabase, type Database, type Db } from '../../src/db/index.ts';
import { seedDemo } from '../../src/seed/index.ts';
import { readSignatures } from '../../src/signing/pdf/index.ts';
import { createScratchDatabase } from './database.ts';
import { openssl } from './signing-pki.ts';
import { nssTrusting, pdfsig, signedRanges, type PdfsigEntry } from './verify-tools.ts';

/** The demo database (PGlite in a temp dir, or a scratch Postgres database), migrated and seeded. */
export async function openTestDatabase(): Promise<{ database: Database; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ecabinet-cred-'));
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir });
  await migrate(database);
  await seedDemo(database.db, { password: 'demo1234' });
  return {
    database,
    close: async () => {
      await database.close();
      await scratch.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Rows of a raw query on either driver (postgres-js answers an array, PGlite `{ rows }`). */
export async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  const result: unknown = await db.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function userIds(db: Db): Promise<Record<string, string>> {
  const rows = await query<{ id: string; username: string }>(db, sql`select id, username from users`);
  return Object.fromEntries(rows.map((r) => [r.username, r.id]));
}

export async function unitIds(db: Db): Promise<Record<string, string>> {
  const rows = await query<{ id: string; code: string }>(db, sql`select id, code from units`);
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

/** The code an authenticator app shows at `at` for this base32 secret. */
export function totpCode(secret: string, at: Date | number): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: typeof at === 'number' ? at : at.getTime() });
}

/** Every row of every table, as text: what someone holding a database dump can read. */
export async function databaseDump(db: Db): Promise<string> {
  const tables = await query<{ tablename: string }>(db, sql`select tablename from pg_tables where schemaname = 'public'`);
  const parts: string[] = [];
  for (const { tablename } of tables) {
    const rows = await query(db, sql.raw(`select * from "${tablename}"`));
    parts.push(`${tablename}\n${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

/** The forms a key's bytes could take in a dump. */
export function encodings(bytes: Uint8Array): string[] {
  const b = Buffer.from(bytes);
  return [b.toString('base64'), b.toString('base64url'), b.toString('hex'), `\\x${b.toString('hex')}`];
}

/**
 * pdfsig (trusting only `rootPem`) and `openssl cms -verify` on every signature of `bytes`:
 * pdfsig's entries, and one openssl exit code per signature (0: "Verification successful").
 */
export async function outsideVerifiers(bytes: Uint8Array, pems: { root: string; chain: string }): Promise<{ pdfsig: PdfsigEntry[]; openssl: number[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'ecabinet-outside-'));
  try {
    const file = (name: string) => join(dir, name);
    await writeFile(file('root.pem'), pems.root);
    await writeFile(file('chain.pem'), pems.chain);
    await writeFile(file('signed.pdf'), bytes);
    const nss = await nssTrusting(dir, file('root.pem'));
    const entries = await pdfsig(file('signed.pdf'), nss, dir);
    const codes: number[] = [];
    for (const [i, sig] of (await readSignatures(bytes)).entries()) {
      await writeFile(file(`sig-${i}.der`), sig.contents);
      await writeFile(file(`sig-${i}.bin`), signedRanges(bytes, sig.byteRange));
      const r = await openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', file(`sig-${i}.der`), '-content', file(`sig-${i}.bin`),
        '-CAfile', file('root.pem'), '-certfile', file('chain.pem'), '-purpose', 'any', '-out', '/dev/null']);
      codes.push(r.code === 0 && r.stderr.includes('Verification successful') ? 0 : r.code || 1);
    }
    return { pdfsig: entries, openssl: codes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Records pushes instead of sending them. */
export function recordingPusher() {
  const pushed: Array<{ userId: string; n: unknown }> = [];
  return {
    pushed,
    toUser: (userId: string, n: unknown) => void pushed.push({ userId, n }),
    toMeeting: () => {},
  };
}
