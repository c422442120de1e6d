// Verifying every signature of a PDF (ISO 32000-1 §12.8; PAdES, ETSI EN 319 142-1) against
// the caller's trust anchors. A file that cannot be read as a PDF, or is encrypted, is a
// SigningError ('pdf.malformed', 'pdf.encrypted'); anything wrong inside a readable file — a
// garbage /Contents, a broken range, an unknown algorithm — is reported on that signature.
import { sameBytes } from '../cms/certificate.ts';
import { SigningError } from '../errors.ts';
import { readDss, readSignatures, revisionEnds, type PdfSignatureInfo } from '../pdf/index.ts';
import { loadCert, type Cert } from './cert-path.ts';
import { loadCrls } from './revocation.ts';
import { classifyRevisions, type RevisionFacts } from './revisions.ts';
import type { RevisionReport, SignatureLevel, SignatureReport, VerificationReport, VerifyPdfOptions } from './types.ts';
import { verifySignature, type SignatureContext, type SignatureFindings } from './verify-signature.ts';

export async function verifyPdf(bytes: Uint8Array, opts: VerifyPdfOptions): Promise<VerificationReport> {
  if (!(bytes instanceof Uint8Array)) throw new SigningError('pdf.malformed', 'Not a PDF file: no bytes given.');
  const infos = await readSignatures(bytes); // throws only SigningError
  const dss = await readDss(bytes);
  const problems: string[] = [];
  const anchors = certsOf(opts.trustAnchors ?? [], 'trust anchor', problems);
  const ctx: SignatureContext = {
    bytes,
    anchors,
    dssCerts: certsOf(dss.certs, 'DSS certificate', problems),
    crls: [...loadCrls(dss.crls, 'dss', problems), ...loadCrls(opts.crls ?? [], 'given', problems)],
    now: opts.now ?? new Date(),
  };
  if (anchors.length === 0) problems.push('no usable trust anchor was given: no signature can be trusted');

  const ends = revisionEnds(bytes);
  const revisionOf = (info: PdfSignatureInfo): number | null => {
    if (info.revisionEnd === undefined) return null;
    const i = ends.findIndex((e) => e >= (info.revisionEnd as number));
    return i >= 0 ? i : null;
  };
  const indices = infos.map(revisionOf);
  const signed = new Set(indices.filter((i): i is number => i !== null));
  const revisions = await classifyRevisions(bytes, ends, signed.size > 0 ? Math.min(...signed) : ends.length, signed);
  const findings = infos.map((info) => safeVerify(info, ctx));

  const signatures: SignatureReport[] = infos.map((info, k) => {
    const found = findings[k] as SignatureFindings;
    const revision = indices[k] ?? null;
    const rangeEnd = info.byteRange[2] + info.byteRange[3];
    const later = revisions.filter((r) => (revision === null ? r.end > rangeEnd : r.index > revision));
    return {
      ...found.report,
      revision,
      level: levelOf(info, found, revision, revisions, infos, findings, indices, ctx),
      modifiedAfter: later.map(plain),
    };
  });
  return {
    ok: signatures.length > 0 && signatures.every((s) => s.ok),
    signatures,
    document: { size: bytes.length, revisions: revisions.map(plain), problems },
  };
}

const plain = ({ touchesDss: _dss, ...r }: RevisionFacts): RevisionReport => ({ ...r, details: [...r.details] });

function certsOf(ders: readonly Uint8Array[], what: string, problems: string[]): Cert[] {
  const out: Cert[] = [];
  ders.forEach((der, i) => {
    const c = der instanceof Uint8Array ? loadCert(der) : null;
    if (!c) problems.push(`${what} #${i + 1} is not a readable X.509 certificate`);
    else if (!out.some((o) => sameBytes(o.der, c.der))) out.push(c);
  });
  return out;
}

/** verifySignature never throws by design; this keeps a bug in it from hiding the other signatures. */
function safeVerify(info: PdfSignatureInfo, ctx: SignatureContext): SignatureFindings {
  try {
    return verifySignature(info, ctx);
  } catch (err) {
    const problem = `the signature could not be checked: ${(err as Error)?.message ?? String(err)}`;
    return {
      report: {
        fieldName: info.fieldName,
        kind: info.subFilter === 'ETSI.RFC3161' ? 'document-timestamp' : 'signature',
        ok: false,
        signer: null,
        organisation: null,
        signingTime: info.signingTime?.toISOString() ?? null,
        timestampTime: null,
        algorithm: null,
        subFilter: info.subFilter ?? null,
        byteRange: info.byteRange,
        coversWholeFile: info.coversWholeFile,
        revision: null,
        level: 'unknown',
        integrity: { ok: false, digestMatches: false, signatureValid: false, certBindingValid: false, problems: [problem] },
        chain: { ok: false, trusted: false, checkedAt: ctx.now.toISOString(), path: [], problems: [problem] },
        revocation: { status: 'unknown', source: 'none', problems: [] },
        timestamp: { present: false, valid: false, time: null, tsa: null, problems: [] },
        modifiedAfter: [],
      },
      pathCerts: [],
      timestampVerified: false,
    };
  }
}

/**
 * PAdES baseline level (ETSI EN 319 142-1 §6, structural requirements only):
 * B-B a CAdES-detached signature; B-T with a verified signature timestamp; B-LT when a later
 * update put its certificates and a CRL covering the signer into the DSS; B-LTA when a valid
 * document timestamp covers that DSS update.
 */
function levelOf(
  info: PdfSignatureInfo,
  found: SignatureFindings,
  revision: number | null,
  revisions: readonly RevisionFacts[],
  infos: readonly PdfSignatureInfo[],
  findings: readonly SignatureFindings[],
  indices: readonly (number | null)[],
  ctx: SignatureContext,
): SignatureLevel {
  if (info.subFilter === 'ETSI.RFC3161' || info.subFilter?.startsWith('adbe.')) return 'none';
  if (info.subFilter !== 'ETSI.CAdES.detached') return 'unknown';
  if (!found.timestampVerified) return 'B-B';
  const needed = found.pathCerts.filter((c) => !ctx.anchors.some((a) => sameBytes(a.der, c.der)));
  const inDss = needed.every((c) => ctx.dssCerts.some((d) => sameBytes(d.der, c.der)));
  const ltUpdate = revision === null ? undefined : revisions.find((r) => r.index > revision && r.touchesDss);
  if (!ltUpdate || !inDss || found.report.revocation.source !== 'dss') return 'B-T';
  const archived = infos.some((other, k) => {
    const f = findings[k] as SignatureFindings;
    const at = indices[k];
    return other.subFilter === 'ETSI.RFC3161' && at !== null && at !== undefined && at >= ltUpdate.index && f.report.integrity.ok && f.report.timestamp.valid;
  });
  return archived ? 'B-LTA' : 'B-LT';
}
