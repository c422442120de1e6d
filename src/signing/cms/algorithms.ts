import { constants, verify, type KeyObject } from 'node:crypto';
import { children, readInteger, readOid, type DerNode } from './der-reader.ts';
import { algorithmIdentifier, nullValue } from './der-writer.ts';
import { digestName, OID } from './oids.ts';

// Algorithm identifiers we emit, and the ones we accept when verifying third-party CMS.

/** RFC 5754 §2: SHA-2 AlgorithmIdentifiers are generated with absent parameters. */
export const SHA256_ALGORITHM = algorithmIdentifier(OID.sha256);

/**
 * SignerInfo.signatureAlgorithm. For RSA we emit rsaEncryption with NULL parameters (RFC 3370
 * §3.2, which every CMS verifier MUST accept; RFC 5754 §3.2 allows it beside sha256WithRSA-
 * Encryption): it is what Adobe Acrobat, pyHanko and most PAdES validators write and expect,
 * and the digest is already fixed by SignerInfo.digestAlgorithm. ECDSA has no such "bare"
 * form in CMS, so ecdsa-with-SHA256 with absent parameters (RFC 5758 §3.2, RFC 5753 §2.1.1).
 */
export function signerInfoSignatureAlgorithm(keyAlgorithm: 'rsa' | 'ecdsa'): Uint8Array {
  return keyAlgorithm === 'rsa' ? algorithmIdentifier(OID.rsaEncryption, nullValue()) : algorithmIdentifier(OID.ecdsaWithSha256);
}

/** X.509/CRL signatureAlgorithm for a SHA-256 signature by `key` (RFC 4055 §5, RFC 5758 §3.2). */
export function x509SignatureAlgorithm(key: KeyObject): Uint8Array {
  if (key.asymmetricKeyType === 'rsa') return algorithmIdentifier(OID.sha256WithRSAEncryption, nullValue());
  if (key.asymmetricKeyType === 'ec') return algorithmIdentifier(OID.ecdsaWithSha256);
  throw new Error(`unsupported issuer key type ${key.asymmetricKeyType}`);
}

const HASH_OF_SIGNATURE_OID: Readonly<Record<string, string>> = {
  [OID.sha1WithRSAEncryption]: 'sha1',
  [OID.sha224WithRSAEncryption]: 'sha224',
  [OID.sha256WithRSAEncryption]: 'sha256',
  [OID.sha384WithRSAEncryption]: 'sha384',
  [OID.sha512WithRSAEncryption]: 'sha512',
  [OID.ecdsaWithSha1]: 'sha1',
  [OID.ecdsaWithSha224]: 'sha224',
  [OID.ecdsaWithSha256]: 'sha256',
  [OID.ecdsaWithSha384]: 'sha384',
  [OID.ecdsaWithSha512]: 'sha512',
};

export interface SignatureCheck {
  valid: boolean;
  /** Why it could not be checked, when the algorithm or key does not fit. */
  problem?: string;
}

/**
 * Verifies `signature` over `data` as RFC 5652 §5.6 describes: `digestAlgorithm` is the
 * SignerInfo's, `algorithm` its signatureAlgorithm. RSASSA-PSS parameters per RFC 4055 §3.1.
 */
export function verifySignatureValue(args: {
  algorithm: DerNode;
  digestAlgorithm: string;
  data: Uint8Array;
  signature: Uint8Array;
  publicKey: KeyObject;
}): SignatureCheck {
  const { data, signature, publicKey } = args;
  const parts = children(args.algorithm);
  const algOid = readOid(parts[0]);
  const keyType = publicKey.asymmetricKeyType;
  let hash = digestName(args.digestAlgorithm);
  if (!hash) return { valid: false, problem: `unsupported digest algorithm ${args.digestAlgorithm}` };
  try {
    if (algOid === OID.rsaEncryption || (HASH_OF_SIGNATURE_OID[algOid] && algOid.startsWith('1.2.840.113549'))) {
      if (keyType !== 'rsa') return { valid: false, problem: `RSA signature but ${keyType} key` };
      // A hash-specific OID must agree with digestAlgorithm (RFC 5754 §3.2); rsaEncryption defers to it.
      if (algOid !== OID.rsaEncryption && HASH_OF_SIGNATURE_OID[algOid] !== hash) {
        return { valid: false, problem: `signatureAlgorithm ${algOid} disagrees with digestAlgorithm ${hash}` };
      }
      return { valid: verify(hash, data, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature) };
    }
    if (algOid === OID.ecPublicKey || (HASH_OF_SIGNATURE_OID[algOid] && algOid.startsWith('1.2.840.10045'))) {
      if (keyType !== 'ec') return { valid: false, problem: `ECDSA signature but ${keyType} key` };
      hash = HASH_OF_SIGNATURE_OID[algOid] ?? hash; // RFC 5753 §2.1.1: ecdsa-with-SHAx names the hash
      return { valid: verify(hash, data, { key: publicKey, dsaEncoding: 'der' }, signature) };
    }
    if (algOid === OID.rsassaPss) {
      if (keyType !== 'rsa' && keyType !== 'rsa-pss') return { valid: false, problem: `RSASSA-PSS signature but ${keyType} key` };
      const pss = pssParameters(parts[1]);
      if (!pss) return { valid: false, problem: 'unsupported RSASSA-PSS parameters' };
      return {
        valid: verify(pss.hash, data, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength }, signature),
      };
    }
    return { valid: false, problem: `unsupported signature algorithm ${algOid}` };
  } catch (err) {
    return { valid: false, problem: `signature check failed: ${(err as Error).message}` };
  }
}

/** RSASSA-PSS-params (RFC 4055 §3.1): defaults SHA-1, MGF1-SHA-1, salt 20. MGF1 must use the same hash. */
function pssParameters(node: DerNode | undefined): { hash: string; saltLength: number } | null {
  let hash = 'sha1';
  let mgfHash = 'sha1';
  let saltLength = 20;
  if (node && node.tag === 0x30) {
    for (const field of children(node)) {
      const inner = children(field)[0];
      if (field.tag === 0xa0) hash = digestName(readOid(children(inner as DerNode)[0])) ?? '';
      if (field.tag === 0xa1) {
        const [mgf, mgfParams] = children(inner as DerNode);
        if (readOid(mgf) !== OID.mgf1 || !mgfParams) return null;
        mgfHash = digestName(readOid(children(mgfParams)[0])) ?? '';
      }
      if (field.tag === 0xa2) saltLength = Number(readInteger(inner));
    }
  }
  return hash && hash === mgfHash ? { hash, saltLength } : null;
}
