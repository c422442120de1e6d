import { SigningError } from '../errors.ts';
import { loadCertificate, sameBytes, subjectKeyIdentifier, type CertificateInfo } from './certificate.ts';
import { children, content, DerError, elements, expectTag, raw, readOctets, readOid, readRoot, readTime, TAG, type DerNode } from './der-reader.ts';
import { retag } from './der-writer.ts';
import { parseSigningCertificate, signingCertificateMatches, type SigningCertificateRef } from './ess-signing-certificate.ts';
import { digestName, OID } from './oids.ts';

// Reads a CMS SignedData (RFC 5652 §5) as found in a PDF /Contents or a TimeStampToken, keeping
// the exact bytes a verifier needs. It does not judge; verifySignerInfo does.

export interface ParsedSignedData {
  readonly eContentType: string;
  /** Encapsulated content (a TSTInfo in a timestamp token); null when detached. */
  readonly eContent: Uint8Array | null;
  /** Every certificate in the CertificateSet, DER as sent (other certificate formats skipped). */
  readonly certificates: readonly Uint8Array[];
  /** How many SignerInfos there are: PAdES requires exactly one (ETSI EN 319 142-1 §6.3). */
  readonly signerInfoCount: number;
  /** The certificate the (first) SignerInfo's sid designates; null when it was not included. */
  readonly signerCertificate: Uint8Array | null;
  readonly signerIdentifier: { issuer: Uint8Array; serial: Uint8Array } | { subjectKeyIdentifier: Uint8Array };
  /** SignerInfo.digestAlgorithm OID and its node:crypto name (null when unknown). */
  readonly digestAlgorithm: string;
  readonly digestAlgorithmName: string | null;
  /** SignerInfo.signatureAlgorithm: OID and the whole AlgorithmIdentifier DER (for PSS parameters). */
  readonly signatureAlgorithm: string;
  readonly signatureAlgorithmDer: Uint8Array;
  readonly signatureValue: Uint8Array;
  /** DER of the signed attributes re-tagged as SET OF (0x31): the bytes that were signed (§5.4). */
  readonly signedAttrsDer: Uint8Array | null;
  readonly signedAttributes: {
    readonly contentType: string | null;
    readonly messageDigest: Uint8Array | null;
    readonly signingTime: Date | null;
    /** signing-certificate-v2 (or v1 from older CAdES signers), with whether it names the signer's certificate. */
    readonly signingCertificate: (SigningCertificateRef & { readonly matches: boolean }) | null;
    /** Every signed attribute type present, in order. */
    readonly types: readonly string[];
  };
  /** signature-time-stamp unsigned attribute (RFC 3161 Appendix A), DER of the TimeStampToken. */
  readonly timestampToken: Uint8Array | null;
  readonly unsignedAttributeTypes: readonly string[];
}

/** Parses a ContentInfo holding SignedData. Trailing zero bytes (PDF /Contents padding) are ignored. */
export function parseSignedData(der: Uint8Array): ParsedSignedData {
  try {
    return parse(der);
  } catch (err) {
    if (err instanceof SigningError) throw err;
    // Any failure of the reader on hostile input is a malformed signature, never a raw exception.
    throw new SigningError('signing.cms_malformed', `CMS SignedData: ${(err as Error).message}`, { cause: err });
  }
}

function parse(der: Uint8Array): ParsedSignedData {
  const [ctype, explicit] = elements(readRoot(der), TAG.SEQUENCE, 'ContentInfo');
  if (readOid(ctype, 'contentType') !== OID.signedData) throw new DerError('ContentInfo is not id-signedData');
  const fields = elements(children(expectTag(explicit, 0xa0, 'ContentInfo.content'))[0], TAG.SEQUENCE, 'SignedData');
  // version, digestAlgorithms, encapContentInfo, certificates [0]?, crls [1]?, signerInfos
  const [encType, encContent] = elements(fields[2], TAG.SEQUENCE, 'encapContentInfo');
  const eContentType = readOid(encType, 'eContentType');
  const eContent = encContent ? readOctets(children(expectTag(encContent, 0xa0, 'eContent'))[0], 'eContent') : null;

  const certificates: Uint8Array[] = [];
  let i = 3;
  if (fields[i]?.tag === 0xa0) {
    for (const c of children(fields[i] as DerNode)) if (c.tag === TAG.SEQUENCE) certificates.push(raw(c));
    i++;
  }
  if (fields[i]?.tag === 0xa1) i++; // crls: revocation data lives in the PDF DSS for PAdES
  const signerInfos = elements(fields[i], TAG.SET, 'signerInfos');
  if (signerInfos.length === 0) throw new DerError('no SignerInfo');
  const si = elements(signerInfos[0], TAG.SEQUENCE, 'SignerInfo');

  // sid: issuerAndSerialNumber (version 1) or [0] subjectKeyIdentifier (version 3), §5.3.
  const sidNode = si[1] as DerNode;
  let signerIdentifier: ParsedSignedData['signerIdentifier'];
  if (sidNode?.tag === 0x80) signerIdentifier = { subjectKeyIdentifier: content(sidNode) };
  else {
    const [issuer, serial] = elements(sidNode, TAG.SEQUENCE, 'issuerAndSerialNumber');
    signerIdentifier = { issuer: raw(expectTag(issuer, TAG.SEQUENCE, 'issuer')), serial: content(expectTag(serial, TAG.INTEGER, 'serial')) };
  }
  const digestAlgorithm = readOid(children(expectTag(si[2], TAG.SEQUENCE, 'digestAlgorithm'))[0]);
  let j = 3;
  let signedAttrsNode: DerNode | null = null;
  if (si[j]?.tag === 0xa0) signedAttrsNode = si[j++] as DerNode;
  const sigAlgNode = expectTag(si[j++], TAG.SEQUENCE, 'signatureAlgorithm');
  const signatureValue = readOctets(si[j++], 'signature');
  const unsignedNode = si[j]?.tag === 0xa1 ? (si[j] as DerNode) : null;

  const parsedCerts = certificates.flatMap((c) => {
    try {
      return [loadCertificate(c).info]; // our reader and node:crypto must both accept it
    } catch {
      return []; // an unreadable extra certificate must not hide the signer's
    }
  });
  const signer = parsedCerts.find((c) => identifies(signerIdentifier, c)) ?? null;

  const attrs = signedAttrsNode ? children(signedAttrsNode).map(readAttribute) : [];
  const first = (type: string): DerNode | undefined => attrs.find((a) => a.type === type)?.values[0];
  const ct = first(OID.contentType);
  const md = first(OID.messageDigest);
  const st = first(OID.signingTime);
  const v2 = first(OID.signingCertificateV2);
  const v1 = first(OID.signingCertificate);
  const ref = v2 ? parseSigningCertificate(v2, 2) : v1 ? parseSigningCertificate(v1, 1) : null;

  const unsigned = unsignedNode ? children(unsignedNode).map(readAttribute) : [];
  const tst = unsigned.find((a) => a.type === OID.signatureTimeStampToken)?.values[0];

  return {
    eContentType,
    eContent,
    certificates,
    signerInfoCount: signerInfos.length,
    signerCertificate: signer?.der ?? null,
    signerIdentifier,
    digestAlgorithm,
    digestAlgorithmName: digestName(digestAlgorithm),
    signatureAlgorithm: readOid(children(sigAlgNode)[0]),
    signatureAlgorithmDer: raw(sigAlgNode),
    signatureValue,
    // §5.4: the [0] IMPLICIT tag is replaced by the SET OF tag; the rest is used as received.
    signedAttrsDer: signedAttrsNode ? retag(raw(signedAttrsNode), 0x31) : null,
    signedAttributes: {
      contentType: ct ? readOid(ct, 'content-type attribute') : null,
      messageDigest: md ? readOctets(md, 'message-digest attribute') : null,
      signingTime: st ? readTime(st, 'signing-time attribute') : null,
      signingCertificate: ref ? { ...ref, matches: signer ? signingCertificateMatches(ref, signer) : false } : null,
      types: attrs.map((a) => a.type),
    },
    timestampToken: tst ? raw(tst) : null,
    unsignedAttributeTypes: unsigned.map((a) => a.type),
  };
}

function readAttribute(node: DerNode): { type: string; values: DerNode[] } {
  const [type, values] = elements(node, TAG.SEQUENCE, 'Attribute');
  return { type: readOid(type, 'attrType'), values: elements(values, TAG.SET, 'attrValues') };
}

function identifies(sid: ParsedSignedData['signerIdentifier'], cert: CertificateInfo): boolean {
  if ('subjectKeyIdentifier' in sid) {
    const ski = subjectKeyIdentifier(cert);
    return ski !== null && sameBytes(ski, sid.subjectKeyIdentifier);
  }
  return sameBytes(sid.serial, cert.serial) && sameBytes(sid.issuer, cert.issuer);
}
