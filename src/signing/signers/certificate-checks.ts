import { X509Certificate } from 'node:crypto';
import { keyUsage, parseCertificate, type CertificateInfo } from '../cms/certificate.ts';
import { SigningError } from '../errors.ts';

// What we refuse to sign with, before any document is touched: a signature made with such a
// certificate would be rejected by every validator anyway, and the user deserves to hear why now.

/** RFC 5280 §4.1.2.5: the certificate is valid from notBefore through notAfter inclusive. */
export function assertCertificateUsable(der: Uint8Array, now: Date): void {
  let info: CertificateInfo;
  let subject: string;
  try {
    info = parseCertificate(der);
    subject = new X509Certificate(der).subject.replace(/\n/g, ', ');
  } catch (err) {
    throw new SigningError('signing.bad_credential', `the signing certificate is unreadable: ${(err as Error).message}`, { cause: err });
  }
  if (now.getTime() > info.notAfter.getTime()) {
    throw new SigningError('signing.certificate_expired', `the certificate of ${subject} expired on ${info.notAfter.toISOString()}`);
  }
  if (now.getTime() < info.notBefore.getTime()) {
    throw new SigningError(
      'signing.certificate_not_yet_valid',
      `the certificate of ${subject} is not valid before ${info.notBefore.toISOString()}`,
    );
  }
  // RFC 5280 §4.2.1.3: when keyUsage is present it limits the key. A document signature needs
  // digitalSignature or nonRepudiation (contentCommitment); ETSI EN 319 412-2 §4.3.2 profiles
  // the same bits for natural-person and seal certificates.
  const usage = keyUsage(info);
  if (usage && !usage.has('digitalSignature') && !usage.has('nonRepudiation')) {
    throw new SigningError(
      'signing.certificate_not_for_signing',
      `the certificate of ${subject} does not allow signing (keyUsage: ${[...usage].join(', ') || 'none'})`,
    );
  }
}

/**
 * Orders the issuers of `leaf` found among `candidates`, nearest first: each must have issued the
 * previous one (name match and a verifying signature). Stops at a self-signed root; certificates
 * that are not on the path are dropped.
 */
export function orderChain(leaf: Uint8Array, candidates: readonly Uint8Array[]): Uint8Array[] {
  const pool = candidates.map((der) => ({ der, x509: new X509Certificate(der) }));
  const chain: Uint8Array[] = [];
  let current = new X509Certificate(leaf);
  for (let depth = 0; depth < 10; depth++) {
    if (current.issuer === current.subject && current.verify(current.publicKey)) break; // self-signed
    const issuer = pool.find((c) => !chain.includes(c.der) && current.checkIssued(c.x509) && current.verify(c.x509.publicKey));
    if (!issuer) break;
    chain.push(issuer.der);
    current = issuer.x509;
  }
  return chain;
}
