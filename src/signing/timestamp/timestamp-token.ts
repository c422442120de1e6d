import { createHash } from 'node:crypto';
import { extendedKeyUsage, parseCertificate } from '../cms/certificate.ts';
import { digestName, OID } from '../cms/oids.ts';
import { parseSignedData, type ParsedSignedData } from '../cms/parse-signed-data.ts';
import { verifySignerInfo } from '../cms/verify-signer-info.ts';
import { SigningError } from '../errors.ts';
import { parseTstInfo, type TstInfo } from './tsp-messages.ts';

// A TimeStampToken (RFC 3161 §2.4.2) is a SignedData whose encapsulated content is a TSTInfo.
// It appears as a PAdES signature-time-stamp (unsigned attribute, over the signature value) and
// as a document timestamp (SubFilter ETSI.RFC3161, over the /ByteRange bytes; ETSI EN 319 142-1
// §5.4.3 / ISO 32000-2 §12.8.5).

export interface ParsedTimeStampToken {
  readonly signedData: ParsedSignedData;
  readonly tstInfo: TstInfo;
  readonly tstInfoDer: Uint8Array;
  readonly genTime: Date;
  readonly messageImprint: { readonly hashAlgorithm: string; readonly hashAlgorithmName: string | null; readonly hashedMessage: Uint8Array };
  /** The TSA's certificate (the SignerInfo's), DER; null when the token was requested without certReq. */
  readonly tsaCertificate: Uint8Array | null;
  readonly certificates: readonly Uint8Array[];
}

/** Parses a TimeStampToken (ContentInfo DER, trailing zero padding allowed). */
export function parseTimeStampToken(der: Uint8Array): ParsedTimeStampToken {
  const signedData = parseSignedData(der);
  if (signedData.eContentType !== OID.tstInfo || !signedData.eContent) {
    throw new SigningError('signing.cms_malformed', 'not a timestamp token: the SignedData does not encapsulate a TSTInfo');
  }
  let tstInfo: TstInfo;
  try {
    tstInfo = parseTstInfo(signedData.eContent);
  } catch (err) {
    throw new SigningError('signing.cms_malformed', `timestamp token TSTInfo: ${(err as Error).message}`, { cause: err });
  }
  return {
    signedData,
    tstInfo,
    tstInfoDer: signedData.eContent,
    genTime: tstInfo.genTime,
    messageImprint: {
      hashAlgorithm: tstInfo.messageImprint.hashAlgorithm,
      hashAlgorithmName: digestName(tstInfo.messageImprint.hashAlgorithm),
      hashedMessage: tstInfo.messageImprint.hashedMessage,
    },
    tsaCertificate: signedData.signerCertificate,
    certificates: signedData.certificates,
  };
}

export interface TimeStampVerification {
  /** messageImprint equals the hash of `data` (RFC 3161 §2.4.2). */
  readonly imprintMatches: boolean;
  /** The token's own CMS signature: message-digest over TSTInfo and the signature over the attributes. */
  readonly signatureValid: boolean;
  /** ESS signing-certificate(-v2) names the TSA certificate (RFC 3161 §2.4.1, RFC 5816). */
  readonly certBindingValid: boolean;
  /** The TSA certificate carries extendedKeyUsage id-kp-timeStamping, critical (RFC 3161 §2.3). */
  readonly tsaCertificateValid: boolean;
  readonly problems: readonly string[];
}

/**
 * Verifies a token against the data it should cover: the signature value for a signature
 * timestamp, the /ByteRange bytes for a document timestamp. `tsaCertificate` supplies the TSA
 * certificate when the token carries none. Trust in the TSA's chain is the caller's question.
 */
export function verifyTimeStampToken(token: ParsedTimeStampToken, data: Uint8Array, opts: { tsaCertificate?: Uint8Array } = {}): TimeStampVerification {
  const problems: string[] = [];
  const hash = token.messageImprint.hashAlgorithmName;
  const imprintMatches = hash !== null && Buffer.compare(createHash(hash).update(data).digest(), token.messageImprint.hashedMessage) === 0;
  if (!hash) problems.push(`unsupported imprint hash algorithm ${token.messageImprint.hashAlgorithm}`);
  else if (!imprintMatches) problems.push('the timestamp imprint does not match the data');

  const sd = token.signedData;
  const cmsHash = sd.digestAlgorithmName;
  const tstDigest = cmsHash ? createHash(cmsHash).update(token.tstInfoDer).digest() : new Uint8Array();
  const check = verifySignerInfo(sd, tstDigest, { signerCertificate: opts.tsaCertificate });
  // RFC 3161 §2.4.1 names ESS signing-certificate v1; RFC 5816 allows v2. Both are fine here.
  problems.push(...check.problems.filter((p) => !p.startsWith('signing-certificate (v1')));

  let tsaCertificateValid = false;
  const tsaCert = sd.signerCertificate ?? opts.tsaCertificate ?? null;
  if (tsaCert) {
    tsaCertificateValid = isTimeStampingCertificate(tsaCert);
    if (!tsaCertificateValid) problems.push('the TSA certificate lacks a critical extendedKeyUsage of exactly timeStamping');
  }
  return {
    imprintMatches,
    signatureValid: check.digestMatches && check.signatureValid,
    certBindingValid: check.certBindingValid,
    tsaCertificateValid,
    problems,
  };
}

/** RFC 3161 §2.3: exactly one extendedKeyUsage, id-kp-timeStamping, and the extension is critical. */
export function isTimeStampingCertificate(der: Uint8Array): boolean {
  try {
    const eku = extendedKeyUsage(parseCertificate(der));
    return !!eku && eku.critical && eku.purposes.length === 1 && eku.purposes[0] === OID.kpTimeStamping;
  } catch {
    return false;
  }
}
