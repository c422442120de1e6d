import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { derReader, derWriter, OID, x509SignatureAlgorithm } from '../signing/index.ts';

const { children, readBitString, readRoot } = derReader;
const { bitString, boolean, contextConstructed, contextPrimitive, integer, namedBits, octetString, oid, printableString, sequence, setOf, utf8String, x509Time } =
  derWriter;

// Issues X.509 v3 certificates (RFC 5280 §4.1) for the development PKI, signed with node:crypto.

export type NameAttribute = readonly ['C' | 'O' | 'OU' | 'CN', string];

const NAME_TYPES = { C: OID.countryName, O: OID.organizationName, OU: OID.organizationalUnitName, CN: OID.commonName } as const;

/**
 * Name ::= RDNSequence, one attribute per RDN, most significant first (C, O, CN). countryName is
 * a PrintableString (X.520, RFC 5280 Appendix A); everything else UTF8String so Vietnamese
 * names keep their diacritics (RFC 5280 §4.1.2.4 prefers UTF8String).
 */
export function encodeName(attributes: readonly NameAttribute[]): Uint8Array {
  return sequence(
    ...attributes.map(([type, value]) =>
      setOf(sequence(oid(NAME_TYPES[type]), type === 'C' ? printableString(value) : utf8String(value))),
    ),
  );
}

/** Extension ::= SEQUENCE { extnID, critical DEFAULT FALSE, extnValue OCTET STRING }. */
export function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
}

/** RFC 5280 §4.2.1.9; pathLen only for CAs. */
export function basicConstraints(ca: boolean, pathLen?: number): Uint8Array {
  const value = ca ? sequence(boolean(true), ...(pathLen === undefined ? [] : [integer(pathLen)])) : sequence();
  return extension(OID.basicConstraints, true, value);
}

const KEY_USAGE_BIT = { digitalSignature: 0, nonRepudiation: 1, keyEncipherment: 2, dataEncipherment: 3, keyAgreement: 4, keyCertSign: 5, cRLSign: 6 } as const;
export type KeyUsageName = keyof typeof KEY_USAGE_BIT;

/** RFC 5280 §4.2.1.3, critical as the RFC recommends. */
export const keyUsageExtension = (usages: readonly KeyUsageName[]): Uint8Array =>
  extension(OID.keyUsage, true, namedBits(usages.map((u) => KEY_USAGE_BIT[u])));

export const extendedKeyUsageExtension = (purposes: readonly string[], critical: boolean): Uint8Array =>
  extension(OID.extKeyUsage, critical, sequence(...purposes.map(oid)));

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. */
export function keyIdentifier(spki: Uint8Array): Uint8Array {
  const [, subjectPublicKey] = children(readRoot(spki));
  return createHash('sha1').update(readBitString(subjectPublicKey).bytes).digest();
}

export const subjectKeyIdentifierExtension = (keyId: Uint8Array): Uint8Array => extension(OID.subjectKeyIdentifier, false, octetString(keyId));

/** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING, ... } (§4.2.1.1). */
export const authorityKeyIdentifierExtension = (keyId: Uint8Array): Uint8Array =>
  extension(OID.authorityKeyIdentifier, false, sequence(contextPrimitive(0, keyId)));

/** cRLDistributionPoints with one fullName URI (RFC 5280 §4.2.1.13): DP [0] → fullName [0] → URI [6]. */
export const crlDistributionPointsExtension = (url: string): Uint8Array =>
  extension(OID.cRLDistributionPoints, false, sequence(sequence(contextConstructed(0, contextConstructed(0, contextPrimitive(6, Buffer.from(url, 'latin1')))))));

/** A positive serial of 127 random bits: unpredictable, as CA/B Forum practice asks. */
export const randomSerial = (): bigint => BigInt(`0x${randomBytes(16).toString('hex')}`) >> 1n;

export interface CertificateSpec {
  readonly serialNumber: bigint;
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: KeyObject;
  readonly signingKey: KeyObject;
  readonly extensions: readonly Uint8Array[];
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } (RFC 5280 §4.1). */
export function buildCertificate(spec: CertificateSpec): Uint8Array {
  const sigAlg = x509SignatureAlgorithm(spec.signingKey);
  const spki = spec.publicKey.export({ type: 'spki', format: 'der' });
  const tbs = sequence(
    contextConstructed(0, integer(2)), // v3
    integer(spec.serialNumber),
    sigAlg,
    spec.issuer,
    sequence(x509Time(spec.notBefore), x509Time(spec.notAfter)),
    spec.subject,
    spki,
    contextConstructed(3, sequence(...spec.extensions)),
  );
  return sequence(tbs, sigAlg, bitString(sign('sha256', tbs, spec.signingKey)));
}
