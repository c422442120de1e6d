import { X509Certificate, type KeyObject } from 'node:crypto';
import { verifySignatureValue } from './algorithms.ts';
import { parseCertificate, sameBytes } from './certificate.ts';
import { signingCertificateMatches, type SigningCertificateRef } from './ess-signing-certificate.ts';
import { readRoot } from './der-reader.ts';
import type { ParsedSignedData } from './parse-signed-data.ts';

export interface SignerInfoVerification {
  /** message-digest attribute equals the digest of the signed content (RFC 5652 §5.4, §11.2). */
  readonly digestMatches: boolean;
  /** The signature over the signed attributes verifies with the signer certificate's key (§5.6). */
  readonly signatureValid: boolean;
  /**
   * A signing-certificate(-v2) attribute names the certificate that verified the signature
   * (RFC 5035 §5.4, ETSI EN 319 122-1 §5.2.2.3): the certificate cannot be swapped for another
   * one with the same key.
   */
  readonly certBindingValid: boolean;
  /** Human-readable reasons for every false above and for other deviations (content-type mismatch…). */
  readonly problems: readonly string[];
}

/**
 * Checks the first SignerInfo of a parsed SignedData against `documentDigest`, the digest of the
 * signed content computed with `parsed.digestAlgorithmName` (for PAdES: the /ByteRange bytes;
 * for a timestamp token: the encapsulated TSTInfo). Trust in the certificate (chain, revocation,
 * validity at signing time) is the caller's question, not this function's.
 * `opts.signerCertificate` supplies the certificate when the SignedData does not carry it (a
 * timestamp token requested without certReq, RFC 3161 §2.4.1).
 */
export function verifySignerInfo(
  parsed: ParsedSignedData,
  documentDigest: Uint8Array,
  opts: { signerCertificate?: Uint8Array } = {},
): SignerInfoVerification {
  const problems: string[] = [];
  const attrs = parsed.signedAttributes;
  const signerCertificate = parsed.signerCertificate ?? opts.signerCertificate ?? null;

  if (!parsed.signedAttrsDer) problems.push('no signed attributes (PAdES and CAdES require them)');
  if (parsed.signerInfoCount !== 1) problems.push(`${parsed.signerInfoCount} SignerInfos; exactly one is expected`);
  const digestMatches = attrs.messageDigest !== null && sameBytes(attrs.messageDigest, documentDigest);
  if (!attrs.messageDigest) problems.push('no message-digest attribute');
  else if (!digestMatches) problems.push('message-digest does not match the signed content');
  // §11.1: the content-type attribute must equal eContentType.
  if (attrs.contentType === null) problems.push('no content-type attribute');
  else if (attrs.contentType !== parsed.eContentType) problems.push('content-type attribute differs from eContentType');

  let signatureValid = false;
  if (!signerCertificate) problems.push("the signer's certificate is not in the SignedData");
  else if (parsed.signedAttrsDer) {
    const publicKey = signerPublicKey(signerCertificate);
    const check = publicKey
      ? verifySignatureValue({
          algorithm: readRoot(parsed.signatureAlgorithmDer),
          digestAlgorithm: parsed.digestAlgorithm,
          data: parsed.signedAttrsDer,
          signature: parsed.signatureValue,
          publicKey,
        })
      : { valid: false, problem: "the signer certificate's public key is unreadable" };
    signatureValid = check.valid;
    if (!check.valid) problems.push(check.problem ?? 'the signature does not verify with the signer certificate');
  }

  const ref = attrs.signingCertificate;
  const matches = ref !== null && signerCertificate !== null && bindingMatches(ref, signerCertificate);
  const certBindingValid = matches && signatureValid;
  if (!ref) problems.push('no signing-certificate-v2 attribute');
  else if (!matches) problems.push('signing-certificate-v2 does not identify the signer certificate');
  else if (ref.version === 1) problems.push('signing-certificate (v1, SHA-1) used instead of signing-certificate-v2');

  return { digestMatches, signatureValid, certBindingValid, problems };
}

function signerPublicKey(der: Uint8Array): KeyObject | null {
  try {
    return new X509Certificate(der).publicKey;
  } catch {
    return null;
  }
}

function bindingMatches(ref: SigningCertificateRef, der: Uint8Array): boolean {
  try {
    return signingCertificateMatches(ref, parseCertificate(der));
  } catch {
    return false;
  }
}
