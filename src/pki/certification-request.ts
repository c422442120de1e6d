import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { derReader, OID } from '../signing/index.ts';

const { children, DerError, elements, expectTag, raw, readBitString, readOid, readRoot, TAG } = derReader;

// PKCS #10 certification requests (RFC 2986), as a tablet's browser makes them for a key it
// keeps: all the CA learns from one is the public key and the proof that the requester holds
// its private key (the signature). The subject the browser asks for is not used: the server
// decides whose certificate it is.

export class CertificationRequestError extends Error {
  override name = 'CertificationRequestError';
}

export interface CertificationRequest {
  readonly publicKey: KeyObject;
}

/** Signature algorithms we accept on a request: those a WebCrypto key can make and the engine can sign with. */
const SIGNATURE_HASHES: Readonly<Record<string, { hash: string; key: 'ec' | 'rsa' }>> = {
  [OID.ecdsaWithSha256]: { hash: 'sha256', key: 'ec' },
  [OID.ecdsaWithSha384]: { hash: 'sha384', key: 'ec' },
  [OID.sha256WithRSAEncryption]: { hash: 'sha256', key: 'rsa' },
};

/**
 * Reads a DER CertificationRequest and checks its signature with the public key it carries
 * (RFC 2986 §3: the proof of possession). Throws CertificationRequestError when it is not one,
 * is signed with an algorithm we do not take, or the signature does not verify.
 */
export function readCertificationRequest(der: Uint8Array): CertificationRequest {
  try {
    // CertificationRequest ::= SEQUENCE { certificationRequestInfo, signatureAlgorithm, signature BIT STRING }
    const [info, algorithm, signature] = elements(readRoot(der), TAG.SEQUENCE, 'CertificationRequest');
    // CertificationRequestInfo ::= SEQUENCE { version INTEGER { v1(0) }, subject Name, subjectPKInfo, attributes [0] }
    const infoNode = expectTag(info, TAG.SEQUENCE, 'CertificationRequestInfo');
    const [version, , spki] = children(infoNode);
    expectTag(version, TAG.INTEGER, 'version');
    const algOid = readOid(children(expectTag(algorithm, TAG.SEQUENCE, 'signatureAlgorithm'))[0]);
    const alg = SIGNATURE_HASHES[algOid];
    if (!alg) throw new CertificationRequestError(`the request is signed with ${algOid}; use ECDSA with SHA-256 or RSA PKCS#1 v1.5 with SHA-256`);
    const publicKey = createPublicKey({ key: Buffer.from(raw(expectTag(spki, TAG.SEQUENCE, 'subjectPKInfo'))), format: 'der', type: 'spki' });
    if (publicKey.asymmetricKeyType !== alg.key) {
      throw new CertificationRequestError(`the request's signature algorithm does not fit its ${publicKey.asymmetricKeyType ?? 'unknown'} key`);
    }
    const value = readBitString(signature).bytes;
    // RFC 2986 §4.2: the signature is over the DER of certificationRequestInfo as sent.
    const ok = verify(alg.hash, raw(infoNode), { key: publicKey, padding: constants.RSA_PKCS1_PADDING, dsaEncoding: 'der' }, value);
    if (!ok) throw new CertificationRequestError('the request’s signature does not verify with its own public key');
    return { publicKey };
  } catch (err) {
    if (err instanceof CertificationRequestError) throw err;
    // DerError from the reader, or node:crypto refusing the key: either way not a usable request.
    const reason = err instanceof DerError || err instanceof Error ? err.message : String(err);
    throw new CertificationRequestError(`not a PKCS #10 certification request: ${reason}`, { cause: err });
  }
}
