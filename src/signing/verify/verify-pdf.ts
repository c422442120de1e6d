// Verifying every signature of a PDF (ISO 32000-1 §12.8; PAdES, ETSI EN 319 142-1) against
// the caller's trust anchors, and what was changed after each (revisions.ts). A file the strict
// reader refuses (not a PDF, damaged, encrypted, too complex) is a SigningError; anything wrong
// inside a readable file — a garbage /Contents, a broken range, an unknown algorithm, a
// modification after signing — is reported on the signatures it concerns.
import { sameBytes } from '../cms/certificate.ts';
import { SigningError } from '../errors.ts';
import { collectSignatures, openPdf, readDssFrom, revisionMarkers, type PdfSignatureInfo, type SignatureRecord } from '../pdf/index.ts';
import { loadCert, type Cert } from './cert-path.ts';
import { loadCrls } from './revocation.ts';
import { analyseRevisions, type RevisionFacts } from './revisions.ts';
import type { RevisionReport, SignatureLevel, SignatureReport, SignatureStatus, VerificationReport, VerifyPdfOptions } from './types.ts';
import { verifySignature, type SignatureContext, type SignatureFindings } from './verify-signature.ts';

/** Bytes after `from` that are not white space (§7.2.2): data outside every revision. */
function trailingData(bytes: Uint8Array, from: number): number {
  let n = 0;
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (!(b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00)) n++;
  }
  return n;
}

export async function verifyPdf(bytes: Uint8Array, opts: VerifyPdfOptions): Promise<VerificationReport> {
  if (!(bytes instanceof Uint8Array)) throw new SigningError('pdf.malformed', 'Not a PDF file: no bytes given.');
  // Data after the last complete revision (an update without its trailer, objects appended
  // without a cross-reference section) belongs to no revision: the revisions are verified as
  // they are, and every signature is reported modified.
  const lastEnd = revisionMarkers(bytes).at(-1)?.end ?? bytes.length;
  const trailing = trailingData(bytes, lastEnd);
  const pdf = await openPdf(trailing > 0 ? bytes.subarray(0, lastEnd) : bytes); // throws only SigningError
  let records: SignatureRecord[];
  let analysis: ReturnType<typeof analyseRevisions>;
  let dss: ReturnType<typeof readDssFrom>;
  const problems: string[] = [];
  try {
    records = collectSignatures(pdf, { history: true });
    analysis = analyseRevisions(pdf, records);
  } catch (err) {
    if (err instanceof SigningError) throw err;
    throw new SigningError('pdf.malformed', `The PDF's signatures cannot be read: ${(err as Error)?.message ?? String(err)}.`, { cause: err });
  }
  const infos: PdfSignatureInfo[] = records.map(({ paddedContents: _padded, ...info }) => ({ ...info, coversWholeFile: info.coversWholeFile && trailing === 0 }));
  problems.push(...analysis.problems);
  try {
    dss = readDssFrom(pdf);
  } catch (err) {
    // Signing never reads the DSS; an unreadable one is reported, the signatures still judged.
    problems.push(`the document security store (/DSS) cannot be read: ${(err as Error)?.message ?? String(err)}`);
    dss = { certs: [], crls: [], ocsps: [], vriKeys: [] };
  }
  const anchors = certsOf(opts.trustAnchors ?? [], 'trust anchor', problems);
  const ctx: SignatureContext = {
    bytes,
    anchors,
    dssCerts: certsOf(dss.certs, 'DSS certificate', problems),
    crls: [...loadCrls(dss.crls, 'dss', problems), ...loadCrls(opts.crls ?? [], 'given', problems)],
    now: opts.now ?? new Date(),
  };
  if (anchors.length === 0) problems.push('no usable trust anchor was given: no signature can be trusted');

  const { revisions } = analysis;
  const indices = infos.map((info) => info.revision ?? null);
  const findings = infos.map((info) => safeVerify(info, ctx));
  const appended = trailing > 0 ? [`${trailing} byte(s) after the last %%EOF (offset ${lastEnd}) belong to no revision: data appended without a complete update`] : [];

  const signatures: SignatureReport[] = infos.map((info, k) => {
    const found = findings[k] as SignatureFindings;
    const revision = indices[k] ?? null;
    const rangeEnd = info.byteRange[2] + info.byteRange[3];
    const later = revisions.filter((r) => (revision === null ? r.end > rangeEnd : r.index > revision));
    const modifications = [
      ...(info.current ? [] : ['the current document no longer shows this signature: a later update removed its field or replaced its value']),
      ...later.filter((r) => !r.allowed).flatMap((r) => r.details.map((d) => `revision ${r.index} (${r.kind}): ${d}`)),
      ...appended,
    ];
    const status: SignatureStatus = found.report.status === 'invalid' ? 'invalid' : modifications.length > 0 ? 'modified' : found.report.status;
    return {
      ...found.report,
      ok: status === 'valid',
      status,
      modifications,
      revision,
      level: levelOf(info, found, revision, revisions, infos, findings, indices, ctx),
      modifiedAfter: later.map(plain),
    };
  });
  return {
    ok: signatures.length > 0 && signatures.every((s) => s.ok),
    signatures,
    document: {
      size: bytes.length,
      revisions: revisions.map(plain),
      docMdp: analysis.docMdp ? { permissions: analysis.docMdp.permissions, fieldName: analysis.docMdp.fieldName } : null,
      trailingBytes: trailing,
      problems,
    },
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
        status: 'invalid',
        modifications: [],
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
      revoked: false,
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
