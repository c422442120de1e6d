// One signature of a PDF, judged on its own: integrity of the signed bytes (ISO 32000-1
// §12.8.1; RFC 5652 §5.4, §5.6), the signer's path to a trust anchor, revocation, and the
// signature timestamp. A document timestamp (ISO 32000-2 §12.8.5) is judged as a token over
// the /ByteRange bytes. Nothing here throws: every failure becomes a problem in the report.
import { createHash } from 'node:crypto';
import { parseSignedData, verifySignerInfo, type ParsedSignedData } from '../cms/index.ts';
import { SigningError } from '../errors.ts';
import type { PdfSignatureInfo } from '../pdf/index.ts';
import { buildPath, checkPath, loadCert, loadCerts, organisation, type Cert } from './cert-path.ts';
import { describeAlgorithm, describeSigner } from './describe.ts';
import { checkRevocation, type CrlFrom } from './revocation.ts';
import { checkTimestamp, noTimestamp, type TimestampCheck } from './timestamp-check.ts';
import type { ChainReport, IntegrityReport, RevocationReport, SignatureReport } from './types.ts';

export interface SignatureContext {
  readonly bytes: Uint8Array;
  readonly anchors: readonly Cert[];
  readonly dssCerts: readonly Cert[];
  readonly crls: readonly CrlFrom[];
  readonly now: Date;
}

/** The report (revision, level and modifiedAfter left for verify-pdf), plus facts for those. */
export interface SignatureFindings {
  report: SignatureReport;
  /** Certificates of the signer's path (signer first) — what B-LT must make available. */
  pathCerts: readonly Cert[];
  /** A signature timestamp that verified, with a trusted TSA. */
  timestampVerified: boolean;
  /** Revoked before any proven signing time. */
  revoked: boolean;
}

// EN 319 142-1 §6.3: PAdES baseline signatures; ISO 32000-1 §12.8.3.3: the older PKCS#7 kinds.
const PADES = 'ETSI.CAdES.detached';
const DOC_TIMESTAMP = 'ETSI.RFC3161';

function signedBytes(bytes: Uint8Array, [a, b, c, d]: PdfSignatureInfo['byteRange']): Uint8Array | null {
  if (a !== 0 || b <= 0 || c < a + b || c + d > bytes.length) return null;
  return Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
}

const message = (err: unknown): string => (err instanceof SigningError || err instanceof Error ? err.message : String(err));

export function verifySignature(info: PdfSignatureInfo, ctx: SignatureContext): SignatureFindings {
  const data = signedBytes(ctx.bytes, info.byteRange);
  const structural = [...info.issues];
  if (!data && structural.length === 0) structural.push('/ByteRange does not describe bytes of this file');
  const findings = info.subFilter === DOC_TIMESTAMP ? documentTimestamp(info, data, ctx) : cmsSignature(info, data, ctx);
  const integrity = findings.integrity;
  integrity.problems.unshift(...structural);
  integrity.ok &&= structural.length === 0;
  const revokedAt = findings.revocation.revokedAt ? Date.parse(findings.revocation.revokedAt) : undefined;
  // Revoked after a proven signing time (timestamp) leaves the signature valid: it provably
  // existed before the key was withdrawn (proof of existence, as in ETSI EN 319 102-1's past
  // signature validation).
  const revokedInTime = findings.revocation.status === 'revoked' && !(findings.proven && revokedAt !== undefined && revokedAt > findings.proven.getTime());
  const signer = findings.signer;
  return {
    // Key order is the order a person reads the JSON in; verify-pdf fills revision, level and
    // modifiedAfter, which need the whole document.
    report: {
      fieldName: info.fieldName,
      kind: info.subFilter === DOC_TIMESTAMP ? 'document-timestamp' : 'signature',
      ok: integrity.ok && findings.chain.ok && !revokedInTime,
      status: !integrity.ok ? 'invalid' : revokedInTime ? 'revoked' : !findings.chain.ok ? 'untrusted' : 'valid',
      modifications: [],
      signer: signer ? describeSigner(signer) : null,
      organisation: signer ? organisation(signer) : null,
      signingTime: info.signingTime?.toISOString() ?? null,
      timestampTime: findings.proven?.toISOString() ?? null,
      algorithm: findings.algorithm,
      subFilter: info.subFilter ?? null,
      byteRange: info.byteRange,
      coversWholeFile: info.coversWholeFile,
      revision: null,
      level: 'unknown',
      integrity,
      chain: findings.chain,
      revocation: findings.revocation,
      timestamp: findings.timestamp.report,
      modifiedAfter: [],
    },
    pathCerts: findings.pathCerts,
    timestampVerified: findings.proven !== null && info.subFilter !== DOC_TIMESTAMP,
    revoked: revokedInTime,
  };
}

interface Parts {
  integrity: IntegrityReport;
  chain: ChainReport;
  revocation: RevocationReport;
  timestamp: TimestampCheck;
  signer: Cert | null;
  algorithm: string | null;
  proven: Date | null;
  pathCerts: readonly Cert[];
}

function brokenIntegrity(problem: string): IntegrityReport {
  return { ok: false, digestMatches: false, signatureValid: false, certBindingValid: false, problems: [problem] };
}

/** Path, validity at `at`, and revocation, for the certificate that signed (or time-stamped). */
function trustOf(signer: Cert | null, extra: readonly Cert[], ctx: SignatureContext, at: Date, signedAt: Date, purpose: 'signing' | 'timestamping') {
  const checkedAt = at.toISOString();
  if (!signer) {
    const chain: ChainReport = { ok: false, trusted: false, checkedAt, path: [], problems: ["the signer's certificate is missing or unreadable"] };
    const revocation: RevocationReport = { status: 'unknown', source: 'none', problems: ['no signer certificate'] };
    return { chain, revocation, pathCerts: [] as Cert[] };
  }
  const path = buildPath(signer, [...extra, ...ctx.dssCerts], ctx.anchors);
  const problems = [...path.problems, ...checkPath(path.certs, at, purpose)];
  const chain: ChainReport = { ok: path.anchored && problems.length === 0, trusted: path.anchored, checkedAt, path: path.certs.map((c) => c.subject), problems };
  return { chain, revocation: checkRevocation(path.certs, ctx.crls, signedAt, ctx.now), pathCerts: path.certs };
}

function cmsSignature(info: PdfSignatureInfo, data: Uint8Array | null, ctx: SignatureContext): Parts {
  let sd: ParsedSignedData | null = null;
  let problem = 'no signed bytes';
  if (info.subFilter === 'adbe.x509.rsa_sha1') problem = 'SubFilter adbe.x509.rsa_sha1 (a bare PKCS#1 signature) is not supported';
  else {
    try {
      sd = parseSignedData(info.contents);
    } catch (err) {
      problem = `/Contents is not a readable CMS SignedData: ${message(err)}`;
    }
  }
  let integrity = brokenIntegrity(problem);
  const signer = sd?.signerCertificate ? loadCert(sd.signerCertificate) : null;
  const cmsCerts = sd ? loadCerts(sd.certificates) : [];
  let timestamp = noTimestamp();
  if (sd && data) {
    integrity = cmsIntegrity(sd, data, info.subFilter);
    if (sd.timestampToken) timestamp = checkTimestamp(sd.timestampToken, sd.signatureValue, { anchors: ctx.anchors, pool: [...cmsCerts, ...ctx.dssCerts] });
  }
  const proven = timestamp.provenTime ?? null;
  const at = proven ?? ctx.now;
  // Revocation freshness is judged against a proven time only: /M is the signer's claim.
  const signedAt = proven ?? ctx.now;
  const trust = trustOf(signer, cmsCerts, ctx, at, signedAt, 'signing');
  return { integrity, ...trust, timestamp, signer, algorithm: sd ? describeAlgorithm(sd, signer) : null, proven };
}

function cmsIntegrity(sd: ParsedSignedData, data: Uint8Array, subFilter: string | undefined): IntegrityReport {
  const hash = sd.digestAlgorithmName;
  if (!hash) return brokenIntegrity(`unsupported digest algorithm ${sd.digestAlgorithm}`);
  const extra: string[] = [];
  let content = data;
  if (subFilter === 'adbe.pkcs7.sha1') {
    // ISO 32000-1 §12.8.3.3.1: the SHA-1 digest of the range is the encapsulated content.
    const sha1 = createHash('sha1').update(data).digest();
    if (!sd.eContent || Buffer.compare(sd.eContent, sha1) !== 0) extra.push('the encapsulated SHA-1 digest does not match the signed bytes');
    content = sd.eContent ?? new Uint8Array();
  } else if (sd.eContent) {
    extra.push('the SignedData encapsulates content; a detached signature is expected');
  }
  const v = verifySignerInfo(sd, createHash(hash).update(content).digest());
  const pades = subFilter === PADES;
  // signing-certificate(-v2) is a CAdES/PAdES requirement (EN 319 122-1 §5.2.2.3); older PDF
  // signatures (adbe.pkcs7.*) may lack it without being broken.
  const problems = [...extra, ...v.problems.filter((p) => pades || !/^no signing-certificate-v2|^signing-certificate \(v1/.test(p))];
  const digestMatches = v.digestMatches && extra.length === 0;
  const ok = digestMatches && v.signatureValid && (v.certBindingValid || !pades) && problems.length === 0;
  return { ok, digestMatches, signatureValid: v.signatureValid, certBindingValid: v.certBindingValid, problems };
}

function documentTimestamp(info: PdfSignatureInfo, data: Uint8Array | null, ctx: SignatureContext): Parts {
  const timestamp = data ? checkTimestamp(info.contents, data, { anchors: ctx.anchors, pool: ctx.dssCerts }) : null;
  if (!timestamp?.token) {
    const integrity = brokenIntegrity(timestamp?.report.problems[0] ?? 'no signed bytes');
    const trust = trustOf(null, [], ctx, ctx.now, ctx.now, 'timestamping');
    return { integrity, ...trust, timestamp: timestamp ?? noTimestamp(), signer: null, algorithm: null, proven: null };
  }
  const own = timestamp.report.problems.filter((p) => !p.startsWith('TSA: '));
  const integrity: IntegrityReport = {
    ok: timestamp.imprintMatches && timestamp.signatureValid && timestamp.certBindingValid && own.length === 0,
    digestMatches: timestamp.imprintMatches,
    signatureValid: timestamp.signatureValid,
    certBindingValid: timestamp.certBindingValid,
    problems: own,
  };
  // Judged now: nothing later proves when this token existed (a further document timestamp
  // would; archive-timestamp chains are not modelled here).
  const genTime = timestamp.token.genTime;
  const trust = trustOf(timestamp.tsa, loadCerts(timestamp.token.certificates), ctx, ctx.now, genTime, 'timestamping');
  const proven = timestamp.report.valid ? genTime : null;
  return { integrity, ...trust, timestamp, signer: timestamp.tsa, algorithm: describeAlgorithm(timestamp.token.signedData, timestamp.tsa), proven };
}
