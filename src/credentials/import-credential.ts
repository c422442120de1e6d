import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CertificateInfo } from '../contract/credentials.ts';
import { AppError } from '../errors/index.ts';
import { assertCertificateUsable, keyAlgorithmOf, readPkcs12, SigningError, type Pkcs12Contents } from '../signing/index.ts';
import { endAttempts } from './attempts.ts';
import { certificateInfo, envelopeAad, insertCredential, retireActive } from './credential-store.ts';
import { signingActs, signingCredentials } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';
import { sealUnderPin, sealUnderSecret } from './key-envelope.ts';
import { unlockPersonalKey } from './personal-key.ts';
import { storeSeal } from './issue-seal.ts';
import { enrolmentOf } from './spend-code.ts';

// A real CA's certificate, brought as a .p12 and its password: opened once here, checked (a key
// the engine can sign with, a certificate valid now and for signing), then re-protected as every
// key here is — under the PIN for a person, under the server key for a seal — and the .p12's own
// password forgotten.

interface Opened {
  contents: Pkcs12Contents;
  keyAlgorithm: 'rsa' | 'ecdsa';
  pkcs8: Buffer;
}

function openP12(deps: CredentialsDeps, p12Base64: string, password: string): Opened {
  let contents: Pkcs12Contents;
  try {
    contents = readPkcs12(new Uint8Array(Buffer.from(p12Base64, 'base64')), password);
  } catch (err) {
    // The engine calls a wrong key-store password a wrong PIN; here it is not the signing PIN.
    if (err instanceof SigningError && err.code === 'signing.wrong_pin') throw new AppError('signing.import_wrong_password', { cause: err });
    throw err;
  }
  const keyAlgorithm = keyAlgorithmOf(contents.privateKey);
  assertCertificateUsable(contents.certificate, deps.clock());
  return { contents, keyAlgorithm, pkcs8: contents.privateKey.export({ type: 'pkcs8', format: 'der' }) };
}

/** `POST /api/me/signing/import {p12, password, pin}`: the user's own .p12 replaces his personal key. */
export async function importOwnCredential(
  deps: CredentialsDeps,
  input: { userId: string; p12: string; password: string; pin: string },
): Promise<CertificateInfo> {
  const { userId } = input;
  if ((await enrolmentOf(deps, userId)) === 'none') throw new AppError('signing.not_enrolled');
  const opened = openP12(deps, input.p12, input.password);
  try {
    const { pinKey } = await unlockPersonalKey(deps, userId, input.pin);
    pinKey.fill(0);
    await endAttempts(deps, userId);
    const id = randomUUID();
    const { envelope, pinKey: newKey } = await sealUnderPin({
      pin: input.pin,
      serverKey: deps.serverKey,
      plaintext: opened.pkcs8,
      aad: envelopeAad.personal(id, userId),
      kdf: deps.kdf,
    });
    newKey.fill(0);
    const row = await deps.db.transaction(async (tx) => {
      await retireActive(tx, 'personal', { userId }, deps.clock());
      await tx.delete(signingActs).where(eq(signingActs.userId, userId));
      return insertCredential(tx, {
        id,
        kind: 'personal',
        source: 'imported',
        status: 'active',
        userId,
        keyAlgorithm: opened.keyAlgorithm,
        certificate: opened.contents.certificate,
        chain: opened.contents.chain,
        sealedKey: envelope,
        createdBy: userId,
      });
    });
    return certificateInfo(row);
  } finally {
    opened.pkcs8.fill(0);
  }
}

/**
 * `POST /api/users/:id/signing/import {p12, password}` (an admin): held under the server key until
 * the user's next PIN entry, which adopts it as his personal key (personal-key.ts).
 */
export async function importCredentialFor(
  deps: CredentialsDeps,
  input: { userId: string; p12: string; password: string; createdBy: string },
): Promise<CertificateInfo> {
  const { userId } = input;
  const opened = openP12(deps, input.p12, input.password);
  const id = randomUUID();
  const sealedKey = sealUnderSecret(deps.serverKey, opened.pkcs8, envelopeAad.pending(id, userId));
  opened.pkcs8.fill(0);
  const row = await deps.db.transaction(async (tx) => {
    await tx
      .update(signingCredentials)
      .set({ status: 'retired', retiredAt: deps.clock() })
      .where(and(eq(signingCredentials.kind, 'personal'), eq(signingCredentials.status, 'pending'), eq(signingCredentials.userId, userId)));
    return insertCredential(tx, {
      id,
      kind: 'personal',
      source: 'imported',
      status: 'pending',
      userId,
      keyAlgorithm: opened.keyAlgorithm,
      certificate: opened.contents.certificate,
      chain: opened.contents.chain,
      sealedKey,
      createdBy: input.createdBy,
    });
  });
  return certificateInfo(row);
}

/** `POST /api/units/:id/seal {p12, password}` (an admin): the unit's seal from a real CA. */
export async function importSeal(
  deps: CredentialsDeps,
  input: { unitId: string; p12: string; password: string; createdBy: string },
): Promise<CertificateInfo> {
  const opened = openP12(deps, input.p12, input.password);
  const row = await storeSeal(deps, {
    unitId: input.unitId,
    createdBy: input.createdBy,
    source: 'imported',
    pkcs8: opened.pkcs8,
    certificate: opened.contents.certificate,
    chain: opened.contents.chain,
    keyAlgorithm: opened.keyAlgorithm,
    replace: true,
  });
  return certificateInfo(row);
}
