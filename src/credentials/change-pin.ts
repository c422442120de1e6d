import { and, eq } from 'drizzle-orm';
import { AppError } from '../errors/index.ts';
import { endAttempts, failAttempt } from './attempts.ts';
import { envelopeAad } from './credential-store.ts';
import { signingActs, signingCredentials, signingPinStates } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';
import { openWithPinKey, sealUnderPin } from './key-envelope.ts';
import { unlockPersonalKey } from './personal-key.ts';
import { assertPinAcceptable } from './pin-rules.ts';
import { enrolmentOf } from './spend-code.ts';

/**
 * `POST /api/me/signing/pin {pin, newPin}`: re-encrypts the personal key under the new PIN (new
 * salt, current KDF parameters). The old PIN counts against the lock like any attempt. Acts
 * authorised under the old PIN end: their keys no longer open anything.
 */
export async function changePin(deps: CredentialsDeps, input: { userId: string; pin: string; newPin: string }): Promise<void> {
  const { userId } = input;
  assertPinAcceptable(input.newPin);
  if ((await enrolmentOf(deps, userId)) !== 'active') throw new AppError('signing.not_enrolled');
  const { credential, pinKey, attempt } = await unlockPersonalKey(deps, userId, input.pin);
  const oldEnvelope = credential.sealedKey as string;
  const aad = envelopeAad.personal(credential.id, userId);
  const pkcs8 = openWithPinKey(pinKey, oldEnvelope, aad);
  pinKey.fill(0);
  try {
    const { envelope, pinKey: newKey } = await sealUnderPin({ pin: input.newPin, serverKey: deps.serverKey, plaintext: pkcs8, aad, kdf: deps.kdf });
    newKey.fill(0);
    const changed = await deps.db.transaction(async (tx) => {
      // Compare-and-set on the old envelope: of two PIN changes at once, one wins.
      const rows = await tx
        .update(signingCredentials)
        .set({ sealedKey: envelope })
        .where(and(eq(signingCredentials.id, credential.id), eq(signingCredentials.sealedKey, oldEnvelope)))
        .returning({ id: signingCredentials.id });
      if (rows.length === 0) return false;
      await tx.delete(signingActs).where(eq(signingActs.userId, userId));
      await tx.update(signingPinStates).set({ pinChangedAt: deps.clock() }).where(eq(signingPinStates.userId, userId));
      return true;
    });
    if (!changed) await failAttempt(deps, userId, attempt, 'signing.wrong_pin');
    await endAttempts(deps, userId);
  } finally {
    pkcs8.fill(0);
  }
}
