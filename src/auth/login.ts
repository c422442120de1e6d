import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { clearFailures, recordFailure, secondsToWait, throttleKeys, type ThrottlePolicy } from './login-throttle.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { createSession } from './session.service.ts';
import { normaliseUsername } from './username.ts';
import { users } from './users.table.ts';

export interface LoginPolicy extends ThrottlePolicy {
  sessionTtlMs: number;
}

export interface LoginAttempt {
  username: string;
  password: string;
  /** The caller's address as the throttle counts it (clientAddressKey). */
  address: string;
}

/**
 * Checks a password and opens a session. An unknown username and a wrong password answer alike
 * (same status and code, one scrypt each, the same failure counted), so the answer does not
 * reveal which accounts exist. An account an administrator locked says so, but only to someone
 * who knows its password.
 */
export async function login(db: Db, policy: LoginPolicy, attempt: LoginAttempt): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const username = normaliseUsername(attempt.username);
  const keys = throttleKeys(attempt.address, username);
  const wait = await secondsToWait(db, keys);
  if (wait > 0) throw new AppError('auth.too_many_attempts', { params: { seconds: wait } });

  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  const matches = await verifyPassword(attempt.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches) {
    await recordFailure(db, keys, policy);
    throw new AppError('auth.invalid_credentials');
  }
  if (user.disabled) throw new AppError('auth.account_disabled');
  return db.transaction(async (tx) => {
    await clearFailures(tx, keys);
    const session = await createSession(tx, user.id, policy.sessionTtlMs);
    return { ...session, userId: user.id };
  });
}
