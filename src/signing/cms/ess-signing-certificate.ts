import { createHash } from 'node:crypto';
import { sameBytes, type CertificateInfo } from './certificate.ts';
import { children, content, elements, expectTag, raw, readOctets, readOid, TAG, type DerNode } from './der-reader.ts';
import { contextConstructed, integerFromContent, octetString, sequence } from './der-writer.ts';
import { digestName, OID } from './oids.ts';

// The ESS signing-certificate attributes bind the signature to one certificate, so a certificate
// with the same key cannot be substituted (RFC 5035 §3, ETSI EN 319 122-1 §5.2.2.3: required for
// CAdES/PAdES baseline signatures; RFC 5816 for timestamp tokens).

/**
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT {id-sha256}, certHash, issuerSerial OPTIONAL }
 * hashAlgorithm is omitted for SHA-256: DER never encodes a DEFAULT value (X.690 §11.5).
 * IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber } with the issuer as a
 * directoryName [4] (EXPLICIT, because Name is a CHOICE). Returns the attribute value.
 */
export function signingCertificateV2Value(cert: CertificateInfo): Uint8Array {
  const certHash = createHash('sha256').update(cert.der).digest();
  const issuerSerial = sequence(sequence(contextConstructed(4, cert.issuer)), integerFromContent(cert.serial));
  return sequence(sequence(sequence(octetString(certHash), issuerSerial)));
}

export interface SigningCertificateRef {
  /** 2: signingCertificateV2 (RFC 5035); 1: signingCertificate with SHA-1 (RFC 2634 §5.4). */
  readonly version: 1 | 2;
  readonly hashAlgorithm: string;
  readonly certHash: Uint8Array;
  /** IssuerSerial as sent, when present. */
  readonly issuerSerial: { issuer: Uint8Array | null; serial: Uint8Array } | null;
}

/** Reads the first ESSCertID(v2) of a signing-certificate attribute value. */
export function parseSigningCertificate(value: DerNode, version: 1 | 2): SigningCertificateRef {
  const [certs] = elements(value, TAG.SEQUENCE, 'SigningCertificate');
  const [first] = elements(certs, TAG.SEQUENCE, 'SigningCertificate.certs');
  const parts = elements(first, TAG.SEQUENCE, 'ESSCertID');
  let i = 0;
  let hashAlgorithm: string = OID.sha1;
  if (version === 2) {
    hashAlgorithm = OID.sha256;
    if (parts[0]?.tag === TAG.SEQUENCE) hashAlgorithm = readOid(children(parts[i++] as DerNode)[0], 'ESSCertIDv2.hashAlgorithm');
  }
  const certHash = readOctets(parts[i++], 'certHash');
  let issuerSerial: SigningCertificateRef['issuerSerial'] = null;
  const is = parts[i];
  if (is?.tag === TAG.SEQUENCE) {
    const [names, serial] = children(is);
    const dirName = names ? children(names).find((n) => n.tag === 0xa4) : undefined;
    const issuerName = dirName ? children(dirName)[0] : undefined;
    issuerSerial = { issuer: issuerName ? raw(issuerName) : null, serial: content(expectTag(serial, TAG.INTEGER, 'IssuerSerial.serialNumber')) };
  }
  return { version, hashAlgorithm, certHash, issuerSerial };
}

/** Does the reference identify `cert`? Hash with the stated algorithm, then IssuerSerial if sent. */
export function signingCertificateMatches(ref: SigningCertificateRef, cert: CertificateInfo): boolean {
  const hash = digestName(ref.hashAlgorithm);
  if (!hash) return false;
  if (!sameBytes(createHash(hash).update(cert.der).digest(), ref.certHash)) return false;
  if (ref.issuerSerial) {
    if (!sameBytes(ref.issuerSerial.serial, cert.serial)) return false;
    if (ref.issuerSerial.issuer && !sameBytes(ref.issuerSerial.issuer, cert.issuer)) return false;
  }
  return true;
}
