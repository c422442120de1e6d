// The verification report: plain data, JSON-serialisable as is (dates are ISO 8601 strings,
// no bytes), so the HTTP layer, the CLI and the audit log can store or send it unchanged.

/** PAdES baseline level reached (ETSI EN 319 142-1 §6); 'none' for non-PAdES signatures. */
export type SignatureLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' | 'none' | 'unknown';

/**
 * What an incremental update did (cf. ISO 32000-1 §12.8.2.2 DocMDP permissions):
 * 'signature' adds a signature and what it needs (field, widget, appearance, fonts, AcroForm),
 * 'dss' only adds validation data (ETSI EN 319 142-1 §5.4.2), 'other' anything else.
 */
export type RevisionKind = 'signature' | 'dss' | 'other';

export interface RevisionReport {
  /** 0 is the original file. */
  index: number;
  /** Offset just after this revision's %%EOF (and its end-of-line). */
  end: number;
  /** 'base': a revision the first signature covers, not classified. */
  kind: RevisionKind | 'base';
  /** Why 'other' (or what was unexpected), one line each. */
  details: string[];
}

export interface CheckResult {
  ok: boolean;
  problems: string[];
}

export interface IntegrityReport extends CheckResult {
  /** messageDigest (or the timestamp imprint) equals the digest of the /ByteRange bytes. */
  digestMatches: boolean;
  /** The signature over the signed attributes verifies with the signer's key. */
  signatureValid: boolean;
  /** signing-certificate-v2 names the certificate that verified (RFC 5035; required by PAdES). */
  certBindingValid: boolean;
}

export interface ChainReport extends CheckResult {
  /** The path ends at one of the given trust anchors and every link verifies. */
  trusted: boolean;
  /** Validity periods were checked at this time: the verified timestamp's, else now. */
  checkedAt: string;
  /** Subject lines, signer first, trust anchor last. */
  path: string[];
}

export interface RevocationReport {
  status: 'good' | 'revoked' | 'unknown';
  /** Where the deciding CRL came from: the PDF's DSS, the caller, or nothing usable. */
  source: 'dss' | 'given' | 'none';
  /** When revoked: the CRL's revocationDate. */
  revokedAt?: string;
  problems: string[];
}

export interface TimestampReport {
  present: boolean;
  /** Token signature, imprint, TSA certificate usage and TSA chain all check out. */
  valid: boolean;
  /** genTime, ISO. */
  time: string | null;
  /** TSA certificate subject line. */
  tsa: string | null;
  problems: string[];
}

export interface SignerReport {
  commonName: string | null;
  /** e.g. "C=VN, O=UBND Thành phố Hà Nội, CN=Trần Văn Quang" (as node:crypto prints it). */
  subject: string;
  issuer: string;
  serialNumber: string;
}

export interface SignatureReport {
  fieldName: string;
  /** A document timestamp (SubFilter ETSI.RFC3161) is reported like a signature by its TSA. */
  kind: 'signature' | 'document-timestamp';
  /** Intact, trusted and not revoked at the time it is judged at. */
  ok: boolean;
  signer: SignerReport | null;
  organisation: string | null;
  /** /M of the signature dictionary (claimed, not proven). */
  signingTime: string | null;
  /** genTime of the verified signature timestamp (or of the document timestamp itself). */
  timestampTime: string | null;
  /** e.g. "RSA-2048 PKCS#1 v1.5 SHA-256", "ECDSA P-256 SHA-256". */
  algorithm: string | null;
  subFilter: string | null;
  byteRange: [number, number, number, number];
  coversWholeFile: boolean;
  /** Index of the revision the signature closes (see document.revisions). */
  revision: number | null;
  integrity: IntegrityReport;
  chain: ChainReport;
  revocation: RevocationReport;
  timestamp: TimestampReport;
  level: SignatureLevel;
  /** The revisions appended after this signature's. */
  modifiedAfter: RevisionReport[];
}

export interface VerificationReport {
  /** Every signature is intact and trusted (and there is at least one). */
  ok: boolean;
  signatures: SignatureReport[];
  document: {
    size: number;
    revisions: RevisionReport[];
    /** Inputs that could not be used: unreadable trust anchors or CRLs. */
    problems: string[];
  };
}

export interface VerifyPdfOptions {
  /** Trusted root (or other anchor) certificates, DER. */
  trustAnchors: readonly Uint8Array[];
  /** Validation time when no verified timestamp gives one; default the current time. */
  now?: Date;
  /** Extra CRLs (DER), e.g. fetched by the caller, besides those in the DSS. */
  crls?: readonly Uint8Array[];
}
