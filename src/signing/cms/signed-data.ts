import { createPublicKey, type KeyObject } from 'node:crypto';
import { SigningError } from '../errors.ts';
import type { Signer } from '../signer.ts';
import { signerInfoSignatureAlgorithm, SHA256_ALGORITHM, verifySignatureValue } from './algorithms.ts';
import type { CertificateInfo } from './certificate.ts';
import { readRoot } from './der-reader.ts';
import {
  contextConstructed,
  integer,
  integerFromContent,
  octetString,
  oid,
  retag,
  sequence,
  setOf,
  sortDer,
} from './der-writer.ts';
import { OID } from './oids.ts';

// The signing core shared by PAdES signatures and timestamp tokens: RFC 5652 §5.3 SignerInfo
// and §5.1 SignedData in a §3 ContentInfo. Callers decide the attributes and the content.

/** Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue } (§5.3). */
export function attribute(type: string, ...values: Uint8Array[]): Uint8Array {
  return sequence(oid(type), setOf(...values));
}

export interface SignedAttributes {
  /** SignedAttributes as a DER SET (tag 0x31): what is signed (RFC 5652 §5.4). */
  readonly set: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * Signs the SET OF signed attributes. §5.4: the signature covers the DER encoding with the
 * EXPLICIT SET OF tag, not the [0] IMPLICIT tag used inside SignerInfo; setOf sorts the
 * attributes as DER requires (X.690 §11.6). The result is checked against the certificate
 * so a remote signer answering with another key fails here, not in a validator later.
 */
export async function signAttributes(signer: Signer, cert: CertificateInfo, attributes: Uint8Array[]): Promise<SignedAttributes> {
  const set = setOf(...attributes);
  const signature = await signer.sign(set);
  const check = verifySignatureValue({
    algorithm: readRoot(signerInfoSignatureAlgorithm(signer.keyAlgorithm)),
    digestAlgorithm: OID.sha256,
    data: set,
    signature,
    publicKey: publicKeyOf(cert),
  });
  if (!check.valid) {
    throw new SigningError(
      'signing.bad_credential',
      `the signer's signature does not verify with its certificate ${check.problem ? `(${check.problem})` : '(key and certificate do not match)'}`,
    );
  }
  return { set, signature };
}

/**
 * The certificate's public key, made once per parsed certificate: a batch checks a hundred
 * signatures against the same one (loadCertificate answers the same info for the same bytes).
 */
const publicKeys = new WeakMap<Uint8Array, KeyObject>();

function publicKeyOf(cert: CertificateInfo): KeyObject {
  let key = publicKeys.get(cert.spki);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(cert.spki), format: 'der', type: 'spki' });
    publicKeys.set(cert.spki, key);
  }
  return key;
}

/**
 * SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, signedAttrs [0] IMPLICIT,
 * signatureAlgorithm, signature, unsignedAttrs [1] IMPLICIT OPTIONAL }.
 * version 1 with sid = issuerAndSerialNumber (§5.3), copied byte-exact from the certificate.
 */
export function encodeSignerInfo(args: {
  cert: CertificateInfo;
  keyAlgorithm: 'rsa' | 'ecdsa';
  signed: SignedAttributes;
  unsignedAttributes?: Uint8Array[];
}): Uint8Array {
  const { cert, signed, unsignedAttributes } = args;
  return sequence(
    integer(1),
    sequence(cert.issuer, integerFromContent(cert.serial)),
    SHA256_ALGORITHM,
    retag(signed.set, 0xa0),
    signerInfoSignatureAlgorithm(args.keyAlgorithm),
    octetString(signed.signature),
    // [1] IMPLICIT SET OF Attribute: the content of a SET OF, so DER-sorted too.
    ...(unsignedAttributes && unsignedAttributes.length > 0 ? [contextConstructed(1, ...sortDer(unsignedAttributes))] : []),
  );
}

/**
 * ContentInfo { id-signedData, [0] EXPLICIT SignedData }. SignedData ::= SEQUENCE { version,
 * digestAlgorithms, encapContentInfo, certificates [0] IMPLICIT OPTIONAL, crls [1] OPTIONAL,
 * signerInfos }. Version per §5.1: 1 for id-data content with issuerAndSerialNumber signers,
 * 3 when eContentType is anything else (a TSTInfo). Without `eContent` the content is
 * detached, as PAdES requires (ETSI EN 319 142-1 §6.3).
 */
export function encodeSignedData(args: {
  eContentType: string;
  eContent?: Uint8Array;
  certificates: readonly Uint8Array[];
  signerInfo: Uint8Array;
}): Uint8Array {
  const version = args.eContentType === OID.data ? 1 : 3;
  const encap = args.eContent
    ? sequence(oid(args.eContentType), contextConstructed(0, octetString(args.eContent)))
    : sequence(oid(args.eContentType));
  const signedData = sequence(
    integer(version),
    setOf(SHA256_ALGORITHM),
    encap,
    // certificates [0] IMPLICIT CertificateSet: a SET OF, so unique and DER-sorted (X.690 §11.6).
    ...(args.certificates.length > 0 ? [contextConstructed(0, ...sortDer(uniqueCertificates(args.certificates)))] : []),
    setOf(args.signerInfo),
  );
  return sequence(oid(OID.signedData), contextConstructed(0, signedData));
}

function uniqueCertificates(certs: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Map<string, Uint8Array>();
  for (const c of certs) seen.set(Buffer.from(c).toString('base64'), c);
  return [...seen.values()];
}
