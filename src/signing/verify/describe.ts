// Human-readable facts about a signature for the report: the algorithm line and the signer.
import type { ParsedSignedData } from '../cms/index.ts';
import { OID } from '../cms/oids.ts';
import { commonName, type Cert } from './cert-path.ts';
import type { SignerReport } from './types.ts';

const CURVES: Readonly<Record<string, string>> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

const ECDSA_HASH: Readonly<Record<string, string>> = {
  [OID.ecdsaWithSha1]: 'sha1',
  [OID.ecdsaWithSha224]: 'sha224',
  [OID.ecdsaWithSha256]: 'sha256',
  [OID.ecdsaWithSha384]: 'sha384',
  [OID.ecdsaWithSha512]: 'sha512',
};

const hashLabel = (name: string | null | undefined): string => (name ? name.toUpperCase().replace(/^SHA(\d)/, 'SHA-$1') : 'unknown hash');

/** e.g. "RSA-2048 PKCS#1 v1.5 SHA-256", "RSA-3072 PSS SHA-256", "ECDSA P-256 SHA-256". */
export function describeAlgorithm(sd: ParsedSignedData, signer: Cert | null): string {
  const key = signer?.x509.publicKey;
  const details = key?.asymmetricKeyDetails;
  const sigOid = sd.signatureAlgorithm;
  if (key?.asymmetricKeyType === 'ec' || sigOid.startsWith('1.2.840.10045')) {
    const curve = details?.namedCurve ? (CURVES[details.namedCurve] ?? details.namedCurve) : 'unknown curve';
    // RFC 5753 §2.1.1: an ecdsa-with-SHAx OID names the hash; ecPublicKey defers to digestAlgorithm.
    return `ECDSA ${curve} ${hashLabel(ECDSA_HASH[sigOid] ?? sd.digestAlgorithmName)}`;
  }
  const size = details?.modulusLength ? `RSA-${details.modulusLength}` : 'RSA';
  if (sigOid === OID.rsassaPss) return `${size} PSS ${hashLabel(sd.digestAlgorithmName)}`;
  if (key?.asymmetricKeyType === 'rsa' || sigOid.startsWith('1.2.840.113549.1.1')) {
    return `${size} PKCS#1 v1.5 ${hashLabel(sd.digestAlgorithmName)}`;
  }
  return `${key?.asymmetricKeyType ?? 'unknown key'} ${sigOid} ${hashLabel(sd.digestAlgorithmName)}`;
}

export function describeSigner(cert: Cert): SignerReport {
  return {
    commonName: commonName(cert),
    subject: cert.subject,
    issuer: cert.x509.issuer.replace(/\n/g, ', '),
    serialNumber: cert.info.serialHex,
  };
}
