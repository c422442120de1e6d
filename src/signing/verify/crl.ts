// A small X.509 CRL reader (RFC 5280 §5.1) over the DER reader that keeps the signed bytes:
// issuer, thisUpdate/nextUpdate, the revoked serials with their dates, and the signature check
// against the issuer's key.
import { verifySignatureValue } from '../cms/algorithms.ts';
import { sameBytes } from '../cms/certificate.ts';
import { children, content, elements, expectTag, raw, readBitString, readOid, readRoot, readTime, TAG, type DerNode } from '../cms/der-reader.ts';
import { OID } from '../cms/oids.ts';
import type { Cert } from './cert-path.ts';

export interface RevokedCertificate {
  /** INTEGER content octets, as in the certificate's serialNumber. */
  readonly serial: Uint8Array;
  readonly revocationDate: Date;
}

export interface ParsedCrl {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  /** Issuer Name DER. */
  readonly issuer: Uint8Array;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | null;
  readonly revoked: readonly RevokedCertificate[];
  readonly signatureAlgorithm: DerNode;
  readonly signature: Uint8Array;
}

/** CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }. Throws on malformed input. */
export function parseCrl(der: Uint8Array): ParsedCrl {
  const [tbsNode, algNode, sigNode] = elements(readRoot(der), TAG.SEQUENCE, 'CertificateList');
  const fields = elements(tbsNode, TAG.SEQUENCE, 'TBSCertList');
  let i = 0;
  if (fields[0]?.tag === TAG.INTEGER) i++; // version, v2 when present
  i++; // signature AlgorithmIdentifier (must equal the outer one; the outer one is what we check)
  const issuer = expectTag(fields[i++], TAG.SEQUENCE, 'issuer');
  const thisUpdate = readTime(fields[i++], 'thisUpdate');
  let nextUpdate: Date | null = null;
  const maybeNext = fields[i];
  if (maybeNext && (maybeNext.tag === TAG.UTC_TIME || maybeNext.tag === TAG.GENERALIZED_TIME)) {
    nextUpdate = readTime(maybeNext, 'nextUpdate');
    i++;
  }
  const revoked: RevokedCertificate[] = [];
  // §5.1.2.6: revokedCertificates is absent when empty; crlExtensions is [0].
  if (fields[i]?.tag === TAG.SEQUENCE) {
    for (const entry of children(fields[i] as DerNode)) {
      const [serial, date] = elements(entry, TAG.SEQUENCE, 'revokedCertificate');
      revoked.push({ serial: content(expectTag(serial, TAG.INTEGER, 'userCertificate')), revocationDate: readTime(date, 'revocationDate') });
    }
  }
  const sig = readBitString(sigNode, 'signatureValue');
  return {
    der: raw(readRoot(der)),
    tbs: raw(tbsNode as DerNode),
    issuer: raw(issuer),
    thisUpdate,
    nextUpdate,
    revoked,
    signatureAlgorithm: expectTag(algNode, TAG.SEQUENCE, 'signatureAlgorithm'),
    signature: sig.bytes,
  };
}

// The digest a certificate/CRL signature algorithm implies (RFC 4055, RFC 5758); RSASSA-PSS
// takes its hash from the parameters and only needs a placeholder here.
const DIGEST_OF: Readonly<Record<string, string>> = {
  [OID.sha1WithRSAEncryption]: OID.sha1,
  [OID.sha224WithRSAEncryption]: OID.sha224,
  [OID.sha256WithRSAEncryption]: OID.sha256,
  [OID.sha384WithRSAEncryption]: OID.sha384,
  [OID.sha512WithRSAEncryption]: OID.sha512,
  [OID.ecdsaWithSha1]: OID.sha1,
  [OID.ecdsaWithSha224]: OID.sha224,
  [OID.ecdsaWithSha256]: OID.sha256,
  [OID.ecdsaWithSha384]: OID.sha384,
  [OID.ecdsaWithSha512]: OID.sha512,
  [OID.rsassaPss]: OID.sha256,
};

/** Does `issuer` name the CRL's issuer and did its key sign the CRL? (§6.3.3 (f), (g)) */
export function crlSignedBy(crl: ParsedCrl, issuer: Cert): boolean {
  if (!sameBytes(crl.issuer, issuer.info.subject)) return false;
  try {
    const digest = DIGEST_OF[readOid(children(crl.signatureAlgorithm)[0])];
    if (!digest) return false;
    return verifySignatureValue({
      algorithm: crl.signatureAlgorithm,
      digestAlgorithm: digest,
      data: crl.tbs,
      signature: crl.signature,
      publicKey: issuer.x509.publicKey,
    }).valid;
  } catch {
    return false;
  }
}

export function findRevoked(crl: ParsedCrl, serial: Uint8Array): RevokedCertificate | undefined {
  return crl.revoked.find((r) => sameBytes(r.serial, serial));
}
