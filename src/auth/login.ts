import { eq, sql } from 'drizzle-orm';
import { recordEvent, type AuditEventInput } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { createSession } from './session.service.ts';
import { users } from './users.table.ts';

export interface LoginPolicy {
  lockAfterFailures: number;
  lockMs: number;
  sessionTtlMs: number;
}

/**
 * Checks a password and opens a session. Repeated failures lock the account for a while; the
 * counter lives in the users row so every server node sees the same count. Every attempt is
 * an audit event, written in the same transaction as what the attempt changed.
 */
export async function login(
  db: Db,
  policy: LoginPolicy,
  input: { username: string; password: string },
  from: { ip: string },
): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const username = input.username.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  if (!user || user.disabled) {
    await verifyPassword(input.password, DUMMY_HASH);
    await db.transaction((tx) => recordEvent(tx, failedSignIn(username, from.ip, user, user ? 'disabled' : 'unknown_user')));
    throw new AppError('auth.invalid_credentials');
  }
  const now = Date.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    await db.transaction((tx) => recordEvent(tx, failedSignIn(username, from.ip, user, 'locked')));
    throw lockedError(user.lockedUntil, now);
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    const after = await db.transaction(async (tx) => {
      // One UPDATE decides the new count and the lock atomically, so parallel failures cannot
      // slip past the limit.
      const [row] = await tx
        .update(users)
        .set({
          failedLogins: sql`case when ${users.failedLogins} + 1 >= ${policy.lockAfterFailures} then 0 else ${users.failedLogins} + 1 end`,
          lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${policy.lockAfterFailures} then ${new Date(now + policy.lockMs).toISOString()}::timestamptz else ${users.lockedUntil} end`,
        })
        .where(eq(users.id, user.id))
        .returning({ lockedUntil: users.lockedUntil });
      const nowLocked = row?.lockedUntil != null && row.lockedUntil.getTime() > now;
      await recordEvent(tx, failedSignIn(username, from.ip, user, nowLocked ? 'wrong_password_locked' : 'wrong_password'));
      return row;
    });
    if (after?.lockedUntil && after.lockedUntil.getTime() > now) throw lockedError(after.lockedUntil, now);
    throw new AppError('auth.invalid_credentials');
  }
  return db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const session = await createSession(tx, user.id, policy.sessionTtlMs);
    await recordEvent(tx, {
      action: 'auth.login',
      actor: { userId: user.id, unitId: user.unitId },
      subject: { kind: 'user', id: user.id },
      details: { ip: from.ip },
    });
    return { ...session, userId: user.id };
  });
}

/**
 * A refused sign-in. Nobody is known to have acted; the unit is the account's, so the admins of
 * that unit see attempts on it. The name tried is kept (made storable: it is anyone's input).
 */
function failedSignIn(
  username: string,
  ip: string,
  account: { id: string; unitId: string } | undefined,
  reason: 'unknown_user' | 'disabled' | 'locked' | 'wrong_password' | 'wrong_password_locked',
): AuditEventInput {
  return {
    action: 'auth.login_failed',
    actor: { userId: null, unitId: account?.unitId ?? null },
    subject: account ? { kind: 'user', id: account.id } : null,
    details: { username: username.toWellFormed().replaceAll('\u0000', '\uFFFD'), ip, reason },
  };
}

function lockedError(until: Date, now: number): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now) / 60_000));
  return new AppError('auth.account_locked', { params: { minutes }, extra: { lockedUntil: until.toISOString() } });
}
