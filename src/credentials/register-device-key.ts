import { randomUUID, type KeyObject } from 'node:crypto';
import type { CertificateInfo } from '../contract/credentials.ts';
import { AppError } from '../errors/index.ts';
import { CertificationRequestError, readCertificationRequest } from '../pki/index.ts';
import { keyAlgorithmOf } from '../signing/index.ts';
import { endAttempts } from './attempts.ts';
import { certificateInfo, insertCredential } from './credential-store.ts';
import type { CredentialsDeps } from './deps.ts';
import { unlockPersonalKey } from './personal-key.ts';
import { enrolmentOf } from './spend-code.ts';
import { accountOf, personalSubject } from './subjects.ts';

const PEM_CSR = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([A-Za-z0-9+/=\s]+)-----END (?:NEW )?CERTIFICATE REQUEST-----/;

/**
 * `POST /api/me/signing/device-keys {csr, pin, label?}`: a tablet made a non-extractable key
 * and asks for a certificate on it. The CSR's signature proves the tablet holds the key; the
 * subject is the signed-in user's, set here from his account (the CSR's own subject is ignored,
 * so a browser cannot ask for someone else's name). His PIN confirms it is him at the tablet.
 */
export async function registerDeviceKey(
  deps: CredentialsDeps,
  input: { userId: string; csr: string; pin: string; label?: string },
): Promise<CertificateInfo> {
  const { userId } = input;
  const match = PEM_CSR.exec(input.csr);
  if (!match?.[1]) throw new AppError('signing.csr_invalid', { extra: { detail: 'expected a PEM certification request' } });
  let publicKey: KeyObject;
  try {
    ({ publicKey } = readCertificationRequest(new Uint8Array(Buffer.from(match[1].replace(/\s+/g, ''), 'base64'))));
  } catch (err) {
    if (err instanceof CertificationRequestError) throw new AppError('signing.csr_invalid', { extra: { detail: err.message }, cause: err });
    throw err;
  }
  // RSA ≥ 2048 or ECDSA P-256/P-384, what the engine signs with (signing.unsupported_key otherwise).
  const keyAlgorithm = keyAlgorithmOf(publicKey);
  if (!deps.issuer) throw new AppError('signing.no_ca');
  if ((await enrolmentOf(deps, userId)) !== 'active') throw new AppError('signing.not_enrolled');

  const { pinKey } = await unlockPersonalKey(deps, userId, input.pin);
  pinKey.fill(0);
  await endAttempts(deps, userId);

  const account = await accountOf(deps.db, userId);
  const certificate = deps.issuer.issue({ subject: await personalSubject(deps.db, account), publicKey, now: deps.clock() });
  const row = await insertCredential(deps.db, {
    id: randomUUID(),
    kind: 'device',
    source: 'csr',
    status: 'active',
    userId,
    keyAlgorithm,
    certificate,
    chain: deps.issuer.chain,
    sealedKey: null,
    label: input.label ?? null,
    createdBy: userId,
  });
  return certificateInfo(row);
}
