import { eq, sql } from 'drizzle-orm';
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
 * counter lives in the users row so every server node sees the same count.
 */
export async function login(
  db: Db,
  policy: LoginPolicy,
  input: { username: string; password: string },
): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const username = input.username.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  if (!user || user.disabled) {
    await verifyPassword(input.password, DUMMY_HASH);
    throw new AppError('auth.invalid_credentials');
  }
  const now = Date.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    throw lockedError(user.lockedUntil, now);
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    // One UPDATE decides the new count and the lock atomically, so parallel failures cannot
    // slip past the limit.
    const [after] = await db
      .update(users)
      .set({
        failedLogins: sql`case when ${users.failedLogins} + 1 >= ${policy.lockAfterFailures} then 0 else ${users.failedLogins} + 1 end`,
        lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${policy.lockAfterFailures} then ${new Date(now + policy.lockMs).toISOString()}::timestamptz else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, user.id))
      .returning({ lockedUntil: users.lockedUntil });
    if (after?.lockedUntil && after.lockedUntil.getTime() > now) throw lockedError(after.lockedUntil, now);
    throw new AppError('auth.invalid_credentials');
  }
  return db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const session = await createSession(tx, user.id, policy.sessionTtlMs);
    return { ...session, userId: user.id };
  });
}

function lockedError(until: Date, now: number): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now) / 60_000));
  return new AppError('auth.account_locked', { params: { minutes }, extra: { lockedUntil: until.toISOString() } });
}
