import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { EnrollResponse } from '../contract/credentials.ts';
import { AppError } from '../errors/index.ts';
import { activeCredential, envelopeAad, insertCredential, pendingImport, retireActive } from './credential-store.ts';
import { signingPinStates, totpSecrets } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';
import { sealUnderPin, sealUnderSecret } from './key-envelope.ts';
import { adoptImport } from './personal-key.ts';
import { assertPinAcceptable } from './pin-rules.ts';
import { accountOf, newSigningKey, personalSubject } from './subjects.ts';
import { newTotpSecret, otpauthUrl } from './totp.ts';

/**
 * `POST /api/me/signing/enroll {pin}`: sets the signing PIN and a new authenticator secret,
 * waiting for its first code (confirm-enrolment.ts). The personal key is the .p12 an
 * administrator imported for the user, else one issued now by the configured CA; it is sealed
 * under the PIN. Enrolling again before confirming starts over with a new key and secret.
 */
export async function enrollSigner(deps: CredentialsDeps, input: { userId: string; pin: string }): Promise<EnrollResponse> {
  const { userId, pin } = input;
  assertPinAcceptable(pin);
  const account = await accountOf(deps.db, userId);
  const [totp] = await deps.db.select({ confirmedAt: totpSecrets.confirmedAt }).from(totpSecrets).where(eq(totpSecrets.userId, userId)).limit(1);
  if (totp?.confirmedAt) throw new AppError('signing.already_enrolled');

  const pending = await pendingImport(deps.db, userId);
  if (pending) {
    (await adoptImport(deps, pending, pin)).pinKey.fill(0);
  } else {
    const issuer = deps.issuer;
    if (!issuer) throw new AppError('signing.no_ca');
    const key = await newSigningKey();
    const certificate = issuer.issue({ subject: await personalSubject(deps.db, account), publicKey: key.publicKey, now: deps.clock() });
    const id = randomUUID();
    const pkcs8 = key.privateKey.export({ type: 'pkcs8', format: 'der' });
    const { envelope, pinKey } = await sealUnderPin({ pin, serverKey: deps.serverKey, plaintext: pkcs8, aad: envelopeAad.personal(id, userId), kdf: deps.kdf });
    pkcs8.fill(0);
    pinKey.fill(0);
    try {
      await deps.db.transaction(async (tx) => {
        // Never confirmed, so never used to sign: the earlier enrolment's key is simply retired.
        if (await activeCredential(tx, 'personal', { userId })) await retireActive(tx, 'personal', { userId }, deps.clock());
        await insertCredential(tx, {
          id,
          kind: 'personal',
          source: 'issued',
          status: 'active',
          userId,
          keyAlgorithm: 'rsa',
          certificate,
          chain: issuer.chain,
          sealedKey: envelope,
          createdBy: userId,
        });
      });
    } catch (err) {
      // Two enrolments at once (a double tap): the unique index lets one key in; the other is told.
      if (isUniqueViolation(err)) throw new AppError('signing.already_enrolled', { cause: err });
      throw err;
    }
  }

  const secret = newTotpSecret();
  const sealedSecret = sealUnderSecret(deps.serverKey, Buffer.from(secret, 'utf8'), envelopeAad.totp(userId));
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(totpSecrets)
      .values({ userId, sealedSecret })
      .onConflictDoUpdate({ target: totpSecrets.userId, set: { sealedSecret, confirmedAt: null, lastUsedStep: null, createdAt: deps.clock() } });
    await tx
      .insert(signingPinStates)
      .values({ userId, pinChangedAt: deps.clock() })
      .onConflictDoUpdate({ target: signingPinStates.userId, set: { failedAttempts: 0, lockedAt: null, pinChangedAt: deps.clock() } });
  });
  return { totpSecret: secret, otpauthUrl: otpauthUrl(secret, account.username) };
}


/** Postgres unique_violation (SQLSTATE 23505), however deep the driver wrapped it. */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error || (typeof e === 'object' && e !== null); e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
    if (!(e as { cause?: unknown }).cause) break;
  }
  return false;
}
