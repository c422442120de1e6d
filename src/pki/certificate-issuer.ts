import { X509Certificate, type KeyObject } from 'node:crypto';
import { derReader } from '../signing/index.ts';
import {
  authorityKeyIdentifierExtension,
  basicConstraints,
  buildCertificate,
  crlDistributionPointsExtension,
  encodeName,
  keyIdentifier,
  keyUsageExtension,
  randomSerial,
  subjectKeyIdentifierExtension,
  type NameAttribute,
} from './x509-builder.ts';

const { children, expectTag, raw, readRoot, TAG } = derReader;

// The configured certificate authority as the server uses it at run time: it issues a signing
// certificate for a public key whose subject the server decides (a person's or a unit's), with
// the same profile as the development PKI's end-entity certificates.

const DAY = 86_400_000;

export interface CertificateIssuer {
  /** The issuing CA's certificate, then its issuers up to the root, DER: the chain a signer embeds. */
  readonly chain: readonly Uint8Array[];
  /** The issuing CA's subject as OpenSSL prints it, for people. */
  readonly name: string;
  /**
   * An end-entity certificate for `publicKey`: keyUsage digitalSignature + nonRepudiation
   * (ETSI EN 319 412-2 §4.3.2 for natural persons and seals alike), not a CA, with the CA's CRL
   * distribution point.
   */
  issue(request: { subject: readonly NameAttribute[]; publicKey: KeyObject; now?: Date; validityDays?: number }): Uint8Array;
}

/** The Name DER of a certificate's subject (RFC 5280 §4.1.2.6), as written there. */
function subjectNameOf(certificate: Uint8Array): Uint8Array {
  const [tbs] = children(expectTag(readRoot(certificate), TAG.SEQUENCE, 'Certificate'));
  const fields = children(expectTag(tbs, TAG.SEQUENCE, 'tbsCertificate'));
  // version [0] is present in v3 certificates; subject follows serial, signature, issuer, validity.
  const first = fields[0]?.tag === 0xa0 ? 1 : 0;
  return raw(expectTag(fields[first + 4], TAG.SEQUENCE, 'subject'));
}

export function createCertificateIssuer(args: {
  /** The issuing CA's certificate (DER) and private key. */
  certificate: Uint8Array;
  privateKey: KeyObject;
  /** Its issuers up to the root, DER, nearest first. */
  issuers: readonly Uint8Array[];
  crlUrl: string;
}): CertificateIssuer {
  const ca = new X509Certificate(args.certificate);
  if (!ca.ca) throw new Error(`${ca.subject} is not a CA certificate`);
  if (!ca.checkPrivateKey(args.privateKey)) throw new Error('the CA key does not match the CA certificate');
  const issuerName = subjectNameOf(args.certificate);
  const issuerKeyId = keyIdentifier(ca.publicKey.export({ type: 'spki', format: 'der' }));
  return {
    chain: [args.certificate, ...args.issuers],
    name: ca.subject.replace(/\n/g, ', '),
    issue({ subject, publicKey, now = new Date(), validityDays = 730 }) {
      // An hour back, as in the development PKI, so a verifier whose clock lags still accepts it.
      const notBefore = new Date(now.getTime() - 3_600_000);
      // Never beyond the CA's own validity (RFC 5280 §6.1.3 would reject the path after it).
      const notAfter = new Date(Math.min(now.getTime() + validityDays * DAY, new Date(ca.validTo).getTime()));
      return buildCertificate({
        serialNumber: randomSerial(),
        issuer: issuerName,
        subject: encodeName(subject),
        notBefore,
        notAfter,
        publicKey,
        signingKey: args.privateKey,
        extensions: [
          basicConstraints(false),
          keyUsageExtension(['digitalSignature', 'nonRepudiation']),
          crlDistributionPointsExtension(args.crlUrl),
          subjectKeyIdentifierExtension(keyIdentifier(publicKey.export({ type: 'spki', format: 'der' }))),
          authorityKeyIdentifierExtension(issuerKeyId),
        ],
      });
    },
  };
}
