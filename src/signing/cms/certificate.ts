import { X509Certificate } from 'node:crypto';
import {
  children,
  content,
  DerError,
  elements,
  expectTag,
  raw,
  readBitString,
  readBoolean,
  readOctets,
  readOid,
  readRoot,
  readString,
  readTime,
  TAG,
  type DerNode,
} from './der-reader.ts';
import { OID } from './oids.ts';

// The parts of an X.509 certificate (RFC 5280 §4.1) that CMS needs byte-exact — issuer Name and
// serial for issuerAndSerialNumber (RFC 5652 §5.3) and IssuerSerial (RFC 5035 §4) — and the
// extensions node:crypto's X509Certificate does not decode (keyUsage bits, criticality).

export interface CertificateExtension {
  readonly critical: boolean;
  /** extnValue contents: the DER of the extension's own value. */
  readonly value: Uint8Array;
}

export interface CertificateInfo {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  /** CertificateSerialNumber INTEGER content octets, as encoded by the issuer. */
  readonly serial: Uint8Array;
  readonly serialHex: string;
  /** Issuer and subject Name DER. */
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly spki: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: ReadonlyMap<string, CertificateExtension>;
}

export function parseCertificate(der: Uint8Array): CertificateInfo {
  const root = readRoot(der);
  const [tbsNode] = elements(root, TAG.SEQUENCE, 'Certificate');
  const fields = elements(tbsNode, TAG.SEQUENCE, 'TBSCertificate');
  let i = 0;
  if (fields[0]?.tag === 0xa0) i++; // version [0] EXPLICIT, absent for v1
  const serial = expectTag(fields[i++], TAG.INTEGER, 'serialNumber');
  i++; // signature AlgorithmIdentifier
  const issuer = expectTag(fields[i++], TAG.SEQUENCE, 'issuer');
  const [nb, na] = elements(fields[i++], TAG.SEQUENCE, 'validity');
  const subject = expectTag(fields[i++], TAG.SEQUENCE, 'subject');
  const spki = expectTag(fields[i++], TAG.SEQUENCE, 'subjectPublicKeyInfo');
  const extensions = new Map<string, CertificateExtension>();
  for (; i < fields.length; i++) {
    const f = fields[i] as DerNode;
    if (f.tag !== 0xa3) continue; // issuerUniqueID [1] / subjectUniqueID [2] are not used
    for (const ext of elements(children(f)[0], TAG.SEQUENCE, 'Extensions')) {
      const parts = children(ext);
      const critical = parts[1]?.tag === TAG.BOOLEAN ? readBoolean(parts[1]) : false;
      const value = readOctets(parts[parts.length - 1], 'extnValue');
      extensions.set(readOid(parts[0], 'extnID'), { critical, value });
    }
  }
  const serialBytes = content(serial);
  return {
    der: raw(root),
    tbs: raw(tbsNode as DerNode),
    serial: serialBytes,
    serialHex: Buffer.from(serialBytes).toString('hex'),
    issuer: raw(issuer),
    subject: raw(subject),
    spki: raw(spki),
    notBefore: readTime(nb, 'notBefore'),
    notAfter: readTime(na, 'notAfter'),
    extensions,
  };
}

const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsage = (typeof KEY_USAGE_BITS)[number];

/** RFC 5280 §4.2.1.3; null when the extension is absent (then any use is allowed). */
export function keyUsage(cert: CertificateInfo): Set<KeyUsage> | null {
  const ext = cert.extensions.get(OID.keyUsage);
  if (!ext) return null;
  const { bytes } = readBitString(readRoot(ext.value), 'keyUsage');
  const out = new Set<KeyUsage>();
  KEY_USAGE_BITS.forEach((name, bit) => {
    if (((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0) out.add(name);
  });
  return out;
}

/** RFC 5280 §4.2.1.12; null when absent. */
export function extendedKeyUsage(cert: CertificateInfo): { purposes: string[]; critical: boolean } | null {
  const ext = cert.extensions.get(OID.extKeyUsage);
  if (!ext) return null;
  return { purposes: elements(readRoot(ext.value), TAG.SEQUENCE, 'extKeyUsage').map((n) => readOid(n)), critical: ext.critical };
}

export function subjectKeyIdentifier(cert: CertificateInfo): Uint8Array | null {
  const ext = cert.extensions.get(OID.subjectKeyIdentifier);
  return ext ? readOctets(readRoot(ext.value), 'subjectKeyIdentifier') : null;
}

/** Attribute values of a Name by X.520 type OID, e.g. nameAttributes(subject)[OID.commonName]. */
export function nameAttributes(name: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rdn of elements(readRoot(name), TAG.SEQUENCE, 'Name')) {
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      if (value) out[readOid(type)] = readString(value);
    }
  }
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

type LoadedCertificate = { info: CertificateInfo; x509: X509Certificate };

/**
 * Certificates already parsed, by the bytes object they were read from: a batch signs a hundred
 * documents with one Signer, whose certificate was parsed twice per document (node:crypto's
 * X509Certificate was the largest item of the event loop's own signing work).
 */
const loaded = new WeakMap<Uint8Array, LoadedCertificate>();

/**
 * Parses with both our reader and node:crypto (which validates the structure fully). The same
 * bytes object gives the same answer, parsed once: do not change either.
 */
export function loadCertificate(der: Uint8Array): LoadedCertificate {
  let certificate = loaded.get(der);
  if (certificate) return certificate;
  try {
    certificate = { info: parseCertificate(der), x509: new X509Certificate(der) };
  } catch (err) {
    throw new DerError(`not an X.509 certificate: ${(err as Error).message}`);
  }
  loaded.set(der, certificate);
  return certificate;
}
