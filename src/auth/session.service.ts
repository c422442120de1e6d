import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { getUnit } from '../org/index.ts';
import type { Principal } from './principal.ts';
import { sessions } from './sessions.table.ts';
import { users } from './users.table.ts';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Tx, userId: string, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt });
  // Expired rows are dead weight; sweeping them here keeps the table small without a timer.
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, new Date())));
  return { token, expiresAt };
}

/** Ends a session; answers its id (what its live connections are grouped by), known or not. */
export async function deleteSession(db: Tx, token: string): Promise<string> {
  const id = hashToken(token);
  await db.delete(sessions).where(eq(sessions.tokenHash, id));
  return id;
}

/** Ends every session of a user (an administrator locked the account). */
export async function deleteUserSessions(db: Tx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** A live session: who, and what ends it. */
export interface Authenticated {
  principal: Principal;
  /** Stable and not secret (the SHA-256 of the token, as stored): names the session's connections. */
  sessionId: string;
  expiresAt: Date;
}

/** The principal behind a session token, or undefined when unknown, expired or disabled. */
export async function resolveSession(db: Tx, token: string): Promise<Principal | undefined> {
  return (await authenticate(db, token))?.principal;
}

/**
 * The session behind a token, or undefined when unknown, expired or its account disabled. Two
 * indexed lookups: the session with its user, then the user's unit through org.
 */
export async function authenticate(db: Tx, token: string): Promise<Authenticated | undefined> {
  const sessionId = hashToken(token);
  const [row] = await db
    .select({
      expiresAt: sessions.expiresAt,
      id: users.id,
      username: users.username,
      fullName: users.fullName,
      title: users.title,
      roles: users.roles,
      disabled: users.disabled,
      unitId: users.unitId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sessionId), gt(sessions.expiresAt, new Date())))
    .limit(1);
  if (!row || row.disabled) return undefined;
  const unit = await getUnit(db, row.unitId);
  // users.unit_id references units: a missing unit is a broken database, not a signed-out user.
  if (!unit) throw new Error(`user ${row.id}: unit ${row.unitId} does not exist`);
  const { disabled: _disabled, unitId: _unitId, expiresAt, ...user } = row;
  const { parentId: _parentId, ...unitOfUser } = unit;
  return { principal: { ...user, unit: unitOfUser }, sessionId, expiresAt };
}
