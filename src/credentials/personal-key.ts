import { eq } from 'drizzle-orm';
import { AppError } from '../errors/index.ts';
import { beginAttempt, failAttempt } from './attempts.ts';
import { activeCredential, envelopeAad, pendingImport, retireActive } from './credential-store.ts';
import { signingCredentials, type SigningCredentialRow } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';
import { EnvelopeError, openUnderSecret, openWithPinKey, pinKeyFor, sealUnderPin } from './key-envelope.ts';

// The PIN is checked by opening the user's personal key with it: there is no PIN hash to steal,
// and a PIN that opens the key is by definition the right one.

export interface UnlockedPersonalKey {
  credential: SigningCredentialRow;
  /** The key the PIN gives for this credential's envelope; the caller zeroises it. */
  pinKey: Buffer;
  /** The attempt number, for failAttempt when a later check (the code) fails. */
  attempt: number;
}

/**
 * Counts an attempt, then opens the personal key with `pin`. A wrong PIN counts against the lock
 * (`signing.wrong_pin`, then `signing.pin_locked`). A .p12 an administrator imported for the
 * user is adopted here, now that his PIN is known: re-protected under it, it replaces the old key.
 */
export async function unlockPersonalKey(deps: CredentialsDeps, userId: string, pin: string): Promise<UnlockedPersonalKey> {
  const attempt = await beginAttempt(deps, userId);
  const credential = await activeCredential(deps.db, 'personal', { userId });
  if (!credential?.sealedKey) throw new AppError('signing.not_enrolled');
  const pinKey = await pinKeyFor({ pin, serverKey: deps.serverKey, envelope: credential.sealedKey });
  try {
    openWithPinKey(pinKey, credential.sealedKey, envelopeAad.personal(credential.id, userId)).fill(0);
  } catch (err) {
    pinKey.fill(0);
    if (err instanceof EnvelopeError) return failAttempt(deps, userId, attempt, 'signing.wrong_pin');
    throw err;
  }
  const pending = await pendingImport(deps.db, userId);
  if (!pending) return { credential, pinKey, attempt };
  pinKey.fill(0);
  const adopted = await adoptImport(deps, pending, pin);
  return { ...adopted, attempt };
}

/** Re-protects an imported key under the user's PIN and makes it his personal key. */
export async function adoptImport(deps: CredentialsDeps, pending: SigningCredentialRow, pin: string): Promise<Omit<UnlockedPersonalKey, 'attempt'>> {
  const userId = pending.userId as string;
  if (!pending.sealedKey) throw new Error(`pending credential ${pending.id} has no key`);
  const pkcs8 = openUnderSecret(deps.serverKey, pending.sealedKey, envelopeAad.pending(pending.id, userId));
  try {
    const { envelope, pinKey } = await sealUnderPin({
      pin,
      serverKey: deps.serverKey,
      plaintext: pkcs8,
      aad: envelopeAad.personal(pending.id, userId),
      kdf: deps.kdf,
    });
    const credential = await deps.db.transaction(async (tx) => {
      await retireActive(tx, 'personal', { userId }, deps.clock());
      const [row] = await tx
        .update(signingCredentials)
        .set({ status: 'active', sealedKey: envelope })
        .where(eq(signingCredentials.id, pending.id))
        .returning();
      if (!row) throw new Error(`pending credential ${pending.id} vanished`);
      return row;
    });
    return { credential, pinKey };
  } finally {
    pkcs8.fill(0);
  }
}
