import type { Signer } from '../signer.ts';
import { assertCertificateUsable } from './certificate-checks.ts';
import { createKeySigner, keyAlgorithmOf } from './key-signer.ts';
import { readPkcs12 } from './pkcs12-reader.ts';

/**
 * A Signer over a server-held PKCS#12 unlocked with the signer's PIN. Fails with a stable code:
 * signing.wrong_pin, signing.bad_credential (not a key store, no key, no matching certificate),
 * signing.certificate_expired / _not_yet_valid (at `opts.now`, default now),
 * signing.certificate_not_for_signing (keyUsage without digitalSignature/nonRepudiation),
 * signing.unsupported_key (RSA < 2048, curves other than P-256/P-384, other key types).
 */
export async function loadPkcs12Signer(p12: Uint8Array, pin: string, opts: { now?: Date } = {}): Promise<Signer> {
  const contents = readPkcs12(p12, pin);
  keyAlgorithmOf(contents.privateKey);
  assertCertificateUsable(contents.certificate, opts.now ?? new Date());
  return createKeySigner(contents);
}
