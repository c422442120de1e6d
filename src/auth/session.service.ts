import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { units } from '../org/units.table.ts';
import { sessions } from './sessions.table.ts';
import type { Principal } from './principal.ts';
import { users } from './users.table.ts';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Tx, userId: string, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt });
  // Expired rows are dead weight; sweeping them here keeps the table small without a timer.
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, new Date())));
  return { token, expiresAt };
}

export async function deleteSession(db: Tx, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** The principal behind a session token, or undefined when unknown, expired or disabled. */
export async function resolveSession(db: Tx, token: string): Promise<Principal | undefined> {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      fullName: users.fullName,
      title: users.title,
      roles: users.roles,
      disabled: users.disabled,
      unit: { id: units.id, code: units.code, name: units.name, level: units.level, path: units.path },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date())))
    .limit(1);
  const row = rows[0];
  if (!row || row.disabled) return undefined;
  const { disabled: _disabled, ...principal } = row;
  return principal;
}
