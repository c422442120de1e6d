import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { AppError } from '../errors/index.ts';
import { signingPinStates } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';

// The lock: an attempt is counted before its PIN is checked, in one UPDATE that also refuses it
// once the limit is reached, so a hundred parallel guesses get at most five checks. The count
// is in Postgres, so every node sees the same one. An admin lifts the lock (unlock-signing.ts).

export type AttemptFailure = 'signing.wrong_pin' | 'signing.wrong_code';

/** Counts an attempt and returns its number (1 … maxAttempts), or throws `signing.pin_locked`. */
export async function beginAttempt(deps: CredentialsDeps, userId: string): Promise<number> {
  const { maxAttempts } = deps.policy;
  const [row] = await deps.db
    .update(signingPinStates)
    .set({ failedAttempts: sql`${signingPinStates.failedAttempts} + 1` })
    .where(and(eq(signingPinStates.userId, userId), isNull(signingPinStates.lockedAt), lt(signingPinStates.failedAttempts, maxAttempts)))
    .returning({ n: signingPinStates.failedAttempts });
  if (row) return row.n;
  // Refused: locked, or the last attempts are being checked right now; either way no more checks.
  await lock(deps, userId);
  throw new AppError('signing.pin_locked');
}

/** The attempt failed: lock when it was the last one, and throw what the caller should hear. */
export async function failAttempt(deps: CredentialsDeps, userId: string, attempt: number, failure: AttemptFailure): Promise<never> {
  const attemptsLeft = deps.policy.maxAttempts - attempt;
  if (attemptsLeft <= 0) {
    await lock(deps, userId);
    throw new AppError('signing.pin_locked');
  }
  throw new AppError(failure, { extra: { attemptsLeft } });
}

/** PIN and code were right: the count starts again. */
export async function endAttempts(deps: CredentialsDeps, userId: string): Promise<void> {
  await deps.db.update(signingPinStates).set({ failedAttempts: 0 }).where(and(eq(signingPinStates.userId, userId), isNull(signingPinStates.lockedAt)));
}

async function lock(deps: CredentialsDeps, userId: string): Promise<void> {
  await deps.db
    .update(signingPinStates)
    .set({ lockedAt: deps.clock() })
    .where(and(eq(signingPinStates.userId, userId), isNull(signingPinStates.lockedAt)));
}
