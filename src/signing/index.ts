// The signing engine's public surface: what the CLI, the development PKI and the HTTP layer use.
// Inside, each layer keeps its own index (pdf/ → cms/ → signers/, timestamp/ → verify/, and
// sign-pdf.ts on top); nothing here knows of HTTP, the database or the error catalogue.
export { SIGNING_ERROR_CODES, SigningError, type SigningErrorCode } from './errors.ts';
export { inspectPdf, inspectPdfFile, type PdfFacts } from './inspect-pdf.ts';
export { createSigningPool, lazySigningPool, SigningPool, type LazySigningPool, type SigningPoolOptions } from './pool/index.ts';
export { PADES_LEVELS, signPdf, type PadesLevel, type SignPdfOptions } from './sign-pdf.ts';
export type { Signer } from './signer.ts';
export type { VisibleSignature } from './visible-signature.ts';
// Specimen images (a handwritten-looking signature, a round seal) until real ones are stored.
export { sampleSealPng, sampleSignaturePng } from './appearance/index.ts';
export { httpCrlFetcher, type CrlFetcher } from './validation-data.ts';
export {
  assertCertificateUsable,
  createKeySigner,
  ecdsaP1363ToDer,
  keyAlgorithmOf,
  loadPkcs12Signer,
  pkcs12Kdf,
  readPkcs12,
  type Pkcs12Contents,
} from './signers/index.ts';
export {
  createTimestampAuthority,
  createTimestampClient,
  type TimestampAuthority,
  type TimestampAuthorityOptions,
  type TimestampClient,
  type TimestampClientOptions,
} from './timestamp/index.ts';
export { verifyPdf, type SignatureReport, type VerificationReport, type VerifyPdfOptions } from './verify/index.ts';
// ASN.1 for structures issued outside the engine (the development PKI).
export { derReader, derWriter, OID, x509SignatureAlgorithm } from './cms/index.ts';
