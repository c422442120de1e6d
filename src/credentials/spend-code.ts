import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { AppError } from '../errors/index.ts';
import { envelopeAad } from './credential-store.ts';
import { totpSecrets } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';
import { openUnderSecret } from './key-envelope.ts';
import { matchTotpStep } from './totp.ts';

/** The user's authenticator as stored: absent, waiting for its first code, or active. */
export async function enrolmentOf(deps: CredentialsDeps, userId: string): Promise<'none' | 'pending' | 'active'> {
  const [row] = await deps.db.select({ confirmedAt: totpSecrets.confirmedAt }).from(totpSecrets).where(eq(totpSecrets.userId, userId)).limit(1);
  return !row ? 'none' : row.confirmedAt ? 'active' : 'pending';
}

/**
 * Spends a one-time code: it must be a current code (one step of drift either side) of a later
 * time step than the last one spent. One conditional UPDATE records the step, so of two
 * requests with the same code exactly one wins, on any node. `confirming` is the first code
 * after enrolment, which activates the authenticator.
 * Throws `signing.wrong_code` (also for a spent code), `signing.not_enrolled`, `signing.already_enrolled`.
 */
export async function spendCode(deps: CredentialsDeps, userId: string, code: string, opts: { confirming: boolean }): Promise<void> {
  const [row] = await deps.db.select().from(totpSecrets).where(eq(totpSecrets.userId, userId)).limit(1);
  if (!row) throw new AppError('signing.not_enrolled');
  if (opts.confirming && row.confirmedAt) throw new AppError('signing.already_enrolled');
  if (!opts.confirming && !row.confirmedAt) throw new AppError('signing.not_enrolled');

  const secret = openUnderSecret(deps.serverKey, row.sealedSecret, envelopeAad.totp(userId));
  const now = deps.clock();
  const step = matchTotpStep(secret.toString('utf8'), code, now);
  secret.fill(0);
  if (step === null) throw new AppError('signing.wrong_code');

  const spent = await deps.db
    .update(totpSecrets)
    .set({ lastUsedStep: step, ...(opts.confirming ? { confirmedAt: now } : {}) })
    .where(
      and(
        eq(totpSecrets.userId, userId),
        // The same envelope: a re-enrolment in between makes this code's secret a stale one.
        eq(totpSecrets.sealedSecret, row.sealedSecret),
        opts.confirming ? isNull(totpSecrets.confirmedAt) : isNotNull(totpSecrets.confirmedAt),
        or(isNull(totpSecrets.lastUsedStep), lt(totpSecrets.lastUsedStep, step)),
      ),
    )
    .returning({ userId: totpSecrets.userId });
  if (spent.length === 0) throw new AppError('signing.wrong_code');
}
