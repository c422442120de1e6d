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
export { x509SignatureAlgorithm } from './algorithms.ts';
// The DER toolkit (ITU-T X.690) this layer is built on, for ASN.1 made outside the engine: the
// development PKI's certificates, CRL and PKCS#12 files.
export * as derReader from './der-reader.ts';
export * as derWriter from './der-writer.ts';
