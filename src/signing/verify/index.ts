// Verification of signed PDFs: integrity, trust, revocation, timestamps, PAdES level and what
// changed after each signature. Top layer of the signing engine (pyHanko's "validation"): it
// reads through pdf/, cms/ and timestamp/ and nothing imports it from below.
export { verifyPdf } from './verify-pdf.ts';
export type {
  ChainReport,
  CheckResult,
  IntegrityReport,
  RevisionKind,
  RevisionReport,
  RevocationReport,
  SignatureLevel,
  SignatureReport,
  SignatureStatus,
  SignerReport,
  TimestampReport,
  VerificationReport,
  VerifyPdfOptions,
} from './types.ts';
export { parseCrl, type ParsedCrl, type RevokedCertificate } from './crl.ts';
