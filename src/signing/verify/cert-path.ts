// Certification path building and validation, the parts a document verifier needs (RFC 5280
// §6.1): each link's signature and name chaining, validity periods at one time, basicConstraints
// cA and pathLenConstraint on issuers, and key usage of the end certificate. Candidates come
// from the CMS, the DSS and the trust anchors; trust comes only from the anchors.
import { X509Certificate } from 'node:crypto';
import { keyUsage, nameAttributes, parseCertificate, sameBytes, type CertificateInfo } from '../cms/certificate.ts';
import { children, readBoolean, readInteger, readRoot, TAG } from '../cms/der-reader.ts';
import { OID } from '../cms/oids.ts';

export interface Cert {
  readonly der: Uint8Array;
  readonly x509: X509Certificate;
  readonly info: CertificateInfo;
  /** "C=VN, O=…, CN=…" as node:crypto prints it (the dev PKI's subjectLine uses the same form). */
  readonly subject: string;
}

/** Both our reader and node:crypto must accept it; null for anything unreadable. */
export function loadCert(der: Uint8Array): Cert | null {
  try {
    const x509 = new X509Certificate(der);
    return { der, x509, info: parseCertificate(der), subject: x509.subject.replace(/\n/g, ', ') };
  } catch {
    return null;
  }
}

export function commonName(cert: Cert): string | null {
  return nameAttributes(cert.info.subject)[OID.commonName] ?? null;
}

export function organisation(cert: Cert): string | null {
  return nameAttributes(cert.info.subject)[OID.organizationName] ?? null;
}

export function loadCerts(ders: readonly Uint8Array[]): Cert[] {
  const out: Cert[] = [];
  for (const der of ders) {
    const c = loadCert(der);
    if (c && !out.some((o) => sameBytes(o.der, c.der))) out.push(c);
  }
  return out;
}

export interface PathResult {
  /** Leaf first; ends at a trust anchor when `anchored`. */
  readonly certs: Cert[];
  readonly anchored: boolean;
  readonly problems: string[];
}

const MAX_PATH = 8;

/** X.509 issuance: name and key-identifier match (checkIssued) and a verifying signature. */
function issued(child: Cert, parent: Cert): boolean {
  try {
    return child.x509.checkIssued(parent.x509) && child.x509.verify(parent.x509.publicKey);
  } catch {
    return false;
  }
}

/**
 * Depth-first search from `leaf` up to a trust anchor; anchors are tried before other
 * candidates. When no path reaches an anchor, returns the longest one found with the reason.
 */
export function buildPath(leaf: Cert, pool: readonly Cert[], anchors: readonly Cert[]): PathResult {
  const isAnchor = (c: Cert): boolean => anchors.some((a) => sameBytes(a.der, c.der));
  let best: PathResult = { certs: [leaf], anchored: false, problems: [] };
  const walk = (path: Cert[]): PathResult | null => {
    const current = path[path.length - 1] as Cert;
    if (isAnchor(current)) return { certs: path, anchored: true, problems: [] };
    const candidates = [...anchors, ...pool].filter((c) => !path.some((p) => sameBytes(p.der, c.der)) && issued(current, c));
    if (candidates.length === 0 || path.length >= MAX_PATH) {
      if (path.length >= best.certs.length) {
        const selfSigned = issued(current, current);
        const why = path.length >= MAX_PATH
          ? `the path is longer than ${MAX_PATH} certificates`
          : selfSigned
            ? `the root ${current.subject} is not a trust anchor`
            : `no certificate of the issuer ${current.x509.issuer.replace(/\n/g, ', ')} is available`;
        best = { certs: path, anchored: false, problems: [why] };
      }
      return null;
    }
    for (const next of candidates) {
      const found = walk([...path, next]);
      if (found) return found;
    }
    return null;
  };
  return walk([leaf]) ?? best;
}

export type LeafPurpose = 'signing' | 'timestamping';

/** RFC 5280 §6.1.3/§6.1.4 checks on a built path, at `at` (validity is inclusive, §4.1.2.5). */
export function checkPath(path: readonly Cert[], at: Date, purpose: LeafPurpose): string[] {
  const problems: string[] = [];
  const t = at.getTime();
  path.forEach((cert, i) => {
    const { notBefore, notAfter } = cert.info;
    if (t < notBefore.getTime()) problems.push(`${cert.subject} is not valid before ${notBefore.toISOString()}`);
    if (t > notAfter.getTime()) problems.push(`${cert.subject} expired on ${notAfter.toISOString()}`);
    if (i === 0) return;
    const bc = basicConstraints(cert.info);
    // §4.2.1.9: only a CA certificate may issue certificates; pathLen counts the
    // non-self-issued intermediates below it.
    if (!bc?.ca) problems.push(`${cert.subject} issued a certificate but is not a CA (basicConstraints)`);
    else if (bc.pathLen !== undefined && i - 1 > bc.pathLen) problems.push(`${cert.subject} allows ${bc.pathLen} intermediate CA(s) below it, the path has ${i - 1}`);
  });
  const leaf = path[0];
  if (leaf && purpose === 'signing') {
    // §4.2.1.3, ETSI EN 319 412-2 §4.3.2: a signing certificate needs digitalSignature or nonRepudiation.
    const usage = safeKeyUsage(leaf.info);
    if (usage && !usage.has('digitalSignature') && !usage.has('nonRepudiation')) {
      problems.push(`${leaf.subject} is not for signing (keyUsage: ${[...usage].join(', ') || 'none'})`);
    }
  }
  return problems;
}

/** keyUsage, or an empty set when the extension is unreadable. */
export function safeKeyUsage(info: CertificateInfo): ReturnType<typeof keyUsage> {
  try {
    return keyUsage(info);
  } catch {
    return new Set();
  }
}

/** BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }. */
function basicConstraints(info: CertificateInfo): { ca: boolean; pathLen?: number } | null {
  const ext = info.extensions.get(OID.basicConstraints);
  if (!ext) return null;
  try {
    let ca = false;
    let pathLen: number | undefined;
    for (const node of children(readRoot(ext.value))) {
      if (node.tag === TAG.BOOLEAN) ca = readBoolean(node);
      if (node.tag === TAG.INTEGER) pathLen = Number(readInteger(node));
    }
    return { ca, pathLen };
  } catch {
    return null;
  }
}
