// The verification report: plain data, JSON-serialisable as is (dates are ISO 8601 strings,
// no bytes), so the HTTP layer, the CLI and the audit log can store or send it unchanged.

/** PAdES baseline level reached (ETSI EN 319 142-1 §6); 'none' for non-PAdES signatures. */
export type SignatureLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' | 'none' | 'unknown';

/**
 * What an incremental update after the first signature did, from the least to the most
 * far-reaching (docs/verify.md; ISO 32000-2 §12.8.2.2 DocMDP, pyHanko's modification levels):
 * 'inert' nothing a reader shows (objects nothing refers to, identical rewrites),
 * 'dss' validation data (ETSI EN 319 142-1 §5.4.2), 'timestamp' a document timestamp,
 * 'signature' a new signature with its field, widget and appearance, 'form-filling' form field
 * values, 'annotations' comments and other annotations, 'other' anything else.
 */
export type RevisionKind = 'inert' | 'dss' | 'timestamp' | 'signature' | 'form-filling' | 'annotations' | 'other';

export interface RevisionReport {
  /** 0 is the original file. */
  index: number;
  /** Offset just after this revision's %%EOF (and its end-of-line). */
  end: number;
  /** 'base': a revision the first signature covers, not classified. */
  kind: RevisionKind | 'base';
  /**
   * Whether the document permits it: without a certification only 'inert', 'dss',
   * 'timestamp' and 'signature'; DocMDP P=1 not 'signature'; P=2 adds 'form-filling';
   * P=3 adds 'annotations'. 'other' never. Always true for 'base'.
   */
  allowed: boolean;
  /** What it did; when not allowed, why — one line each. */
  details: string[];
}

/**
 * 'valid': intact, trusted, not revoked, and nothing after it that its document does not
 * permit. Otherwise the first that applies: 'invalid' (the signed bytes or the range are
 * broken), 'modified' (a later revision changed what was signed), 'revoked', 'untrusted'.
 */
export type SignatureStatus = 'valid' | 'invalid' | 'modified' | 'revoked' | 'untrusted';

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
  /** status === 'valid'. */
  ok: boolean;
  status: SignatureStatus;
  /** What was changed after this signature that its document does not permit, one line each. */
  modifications: string[];
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
    /** The certification signature's DocMDP permissions (ISO 32000-2 §12.8.2.2), or null. */
    docMdp: { permissions: 1 | 2 | 3; fieldName: string | null } | null;
    /** Bytes after the last complete revision that are not white space (0 normally). */
    trailingBytes: number;
    /** Inputs that could not be used (unreadable trust anchors or CRLs), structural doubts. */
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
