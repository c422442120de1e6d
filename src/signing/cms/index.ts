// CMS layer (RFC 5652) of the signing engine: builds PAdES SignedData and reads/verifies it.
// Depends only on node:crypto, node-forge's OID codec and the signing contracts.
export { buildSignedData, type BuildSignedDataOptions } from './build-signed-data.ts';
export { parseSignedData, type ParsedSignedData } from './parse-signed-data.ts';
export { verifySignerInfo, type SignerInfoVerification } from './verify-signer-info.ts';
export {
  extendedKeyUsage,
  keyUsage,
  loadCertificate,
  nameAttributes,
  parseCertificate,
  subjectKeyIdentifier,
  type CertificateInfo,
  type KeyUsage,
} from './certificate.ts';
export { OID } from './oids.ts';
