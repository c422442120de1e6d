import { eq } from 'drizzle-orm';
import { recordEvent, type AuditEventInput } from '../audit/index.ts';
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
  /** The caller's address as the audit log records it. */
  ip: string;
}

/**
 * Checks a password and opens a session. An unknown username and a wrong password answer alike
 * (same status and code, one scrypt each, the same failure counted), so the answer does not
 * reveal which accounts exist. An account an administrator locked says so, but only to someone
 * who knows its password. Every attempt that reaches the password check is an audit event,
 * written in the same transaction as what the attempt changed.
 */
export async function login(db: Db, policy: LoginPolicy, attempt: LoginAttempt): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const username = normaliseUsername(attempt.username);
  const keys = throttleKeys(attempt.address, username);
  const wait = await secondsToWait(db, keys);
  if (wait > 0) throw new AppError('auth.too_many_attempts', { params: { seconds: wait } });

  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  const matches = await verifyPassword(attempt.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches) {
    await db.transaction(async (tx) => {
      await recordFailure(tx, keys, policy);
      await recordEvent(tx, failedSignIn(username, attempt.ip, user, user ? 'wrong_password' : 'unknown_user'));
    });
    throw new AppError('auth.invalid_credentials');
  }
  if (user.disabled) {
    await db.transaction((tx) => recordEvent(tx, failedSignIn(username, attempt.ip, user, 'disabled')));
    throw new AppError('auth.account_disabled');
  }
  return db.transaction(async (tx) => {
    await clearFailures(tx, keys);
    const session = await createSession(tx, user.id, policy.sessionTtlMs);
    await recordEvent(tx, {
      action: 'auth.login',
      actor: { userId: user.id, unitId: user.unitId },
      subject: { kind: 'user', id: user.id },
      details: { ip: attempt.ip },
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
  reason: 'unknown_user' | 'disabled' | 'wrong_password',
): AuditEventInput {
  return {
    action: 'auth.login_failed',
    actor: { userId: null, unitId: account?.unitId ?? null },
    subject: account ? { kind: 'user', id: account.id } : null,
    details: { username: username.toWellFormed().replaceAll('\u0000', '\uFFFD'), ip, reason },
  };
}
