import { and, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { loginThrottles } from './login-throttles.table.ts';

// Sign-in back-off instead of an account lock. A lock anyone can trigger (five wrong passwords,
// and the leader cannot sign in before the meeting) punishes the account's owner; this slows the
// guesser: after `free` failures from one address for one account, that pair waits 2^k seconds
// (k = failures past the free ones) up to a ceiling, and the same holds for one address across
// all accounts with a larger allowance. The owner, from another address, is not slowed at all.

export interface ThrottlePolicy {
  freeFailures: number;
  addressFreeFailures: number;
  maxBackoffMs: number;
}

export interface ThrottleKeys {
  pair: string;
  address: string;
}

/** Keys of one sign-in attempt; both parts already normalised (clientAddressKey, normaliseUsername). */
export function throttleKeys(address: string, username: string): ThrottleKeys {
  return { pair: `pair:${address}|${username}`, address: `address:${address}` };
}

/** Counts restart after this long without a failure; longer than any wait, so waiting one out does not reset them. */
function forgetSeconds(policy: ThrottlePolicy): number {
  return Math.max(3600, (4 * policy.maxBackoffMs) / 1000);
}

/** Seconds this attempt must still wait (0: go ahead). */
export async function secondsToWait(db: Tx, keys: ThrottleKeys): Promise<number> {
  const [row] = await db
    .select({ wait: sql<string | null>`ceil(extract(epoch from max(${loginThrottles.blockedUntil}) - now()))` })
    .from(loginThrottles)
    .where(and(inArray(loginThrottles.key, [keys.pair, keys.address]), gt(loginThrottles.blockedUntil, sql`now()`)));
  return Math.max(0, Number(row?.wait ?? 0));
}

/**
 * Counts a failure against the pair and the address. One statement per key decides the count and
 * the wait, so failures sent at once from several nodes cannot slip past the allowance.
 */
export async function recordFailure(db: Tx, keys: ThrottleKeys, policy: ThrottlePolicy): Promise<void> {
  const forget = forgetSeconds(policy);
  const maxSeconds = policy.maxBackoffMs / 1000;
  for (const [key, free] of [
    [keys.pair, policy.freeFailures],
    [keys.address, policy.addressFreeFailures],
  ] as const) {
    const next = sql`(case when ${loginThrottles.lastFailureAt} < now() - ${forget} * interval '1 second' then 1 else ${loginThrottles.failures} + 1 end)`;
    const until = (n: ReturnType<typeof sql>) =>
      sql`(case when ${n} >= ${free} then now() + least(power(2, ${n} - ${free}), ${maxSeconds}) * interval '1 second' else null end)`;
    await db
      .insert(loginThrottles)
      .values({ key, failures: 1, lastFailureAt: sql`now()`, blockedUntil: until(sql`1`) })
      .onConflictDoUpdate({ target: loginThrottles.key, set: { failures: next, lastFailureAt: sql`now()`, blockedUntil: until(next) } });
  }
  // Forgotten counts are dead weight; the index on last_failure_at makes this cheap when there are none.
  await db
    .delete(loginThrottles)
    .where(
      and(
        lt(loginThrottles.lastFailureAt, sql`now() - ${forget} * interval '1 second'`),
        or(isNull(loginThrottles.blockedUntil), lt(loginThrottles.blockedUntil, sql`now()`)),
      ),
    );
}

/** A successful sign-in clears its pair (not the address: one good account must not reset guessing at the others). */
export async function clearFailures(db: Tx, keys: ThrottleKeys): Promise<void> {
  await db.delete(loginThrottles).where(inArray(loginThrottles.key, [keys.pair]));
}
