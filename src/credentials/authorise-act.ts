import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { AppError } from '../errors/index.ts';
import { actToken, type SigningAct } from './act-token.ts';
import { endAttempts, failAttempt } from './attempts.ts';
import { envelopeAad } from './credential-store.ts';
import { signingActs } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';
import { sealUnderSecret } from './key-envelope.ts';
import { unlockPersonalKey } from './personal-key.ts';
import { enrolmentOf, spendCode } from './spend-code.ts';

/**
 * A signing act: the signer's PIN and one fresh one-time code authorise signing `documents` (a
 * batch is one act) for a few minutes. The PIN is checked first (it counts against the lock),
 * then the code is spent (a wrong or spent code counts too). What the act keeps is the PIN's
 * key wrapped under a new secret that only the returned token carries.
 */
export async function authoriseAct(
  deps: CredentialsDeps,
  input: { userId: string; pin: string; code: string; documents: readonly string[] },
): Promise<SigningAct> {
  const { userId } = input;
  const documents = [...new Set(input.documents)];
  if (documents.length === 0 || documents.length > deps.policy.maxDocumentsPerAct || documents.some((d) => d.length === 0 || d.length > 200)) {
    throw new RangeError(`an act covers 1 to ${deps.policy.maxDocumentsPerAct} document ids`);
  }
  if ((await enrolmentOf(deps, userId)) !== 'active') throw new AppError('signing.not_enrolled');

  const { pinKey, attempt } = await unlockPersonalKey(deps, userId, input.pin);
  try {
    try {
      await spendCode(deps, userId, input.code, { confirming: false });
    } catch (err) {
      if (err instanceof AppError && err.code === 'signing.wrong_code') await failAttempt(deps, userId, attempt, 'signing.wrong_code');
      throw err;
    }
    await endAttempts(deps, userId);

    const id = randomUUID();
    const secret = randomBytes(32);
    const now = deps.clock();
    const expiresAt = new Date(now.getTime() + deps.policy.actTtlMs);
    const wrappedKey = sealUnderSecret(secret, pinKey, envelopeAad.act(id, userId));
    await deps.db.transaction(async (tx) => {
      // Expired acts of this user are dead weight; sweeping here keeps the table small without a timer.
      await tx.delete(signingActs).where(and(eq(signingActs.userId, userId), lt(signingActs.expiresAt, now)));
      await tx.insert(signingActs).values({ id, userId, wrappedKey, documents, createdAt: now, expiresAt });
    });
    const token = actToken(id, secret);
    secret.fill(0);
    return { id, userId, documents, expiresAt, token };
  } finally {
    pinKey.fill(0);
  }
}
