// Signing a PDF end to end (PAdES baseline, ETSI EN 319 142-1): prepare the field and byte
// range as an incremental update, build the CMS over the digest, embed it, and for B-LT append
// the DSS as a further update. Each step only appends: earlier signatures stay valid.
import { buildSignedData, loadCertificate, nameAttributes, OID, parseSignedData } from './cms/index.ts';
import { SigningError } from './errors.ts';
import { appendDss, embedSignature, openPdf, prepareSignature, type AppendDssOptions, type PreparedSignature } from './pdf/index.ts';
import type { Signer } from './signer.ts';
import type { TimestampClient } from './timestamp/index.ts';
import { collectValidationData, type CrlFetcher } from './validation-data.ts';
import { placeVisibleSignature, type VisibleSignature } from './visible-signature.ts';

export type PadesLevel = 'B-B' | 'B-T' | 'B-LT';
export const PADES_LEVELS: readonly PadesLevel[] = ['B-B', 'B-T', 'B-LT'];

export interface SignPdfOptions {
  signer: Signer;
  /** Default B-B. B-T and B-LT need `timestamp`. */
  level?: PadesLevel;
  timestamp?: TimestampClient;
  /** B-LT: CRLs to embed, and/or a fetcher for the certificates' CRL distribution points. */
  crls?: readonly Uint8Array[];
  fetchCrl?: CrlFetcher;
  /** Omitted: an invisible signature. */
  visible?: VisibleSignature;
  fieldName?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** Claimed signing time (/M); default now. */
  signingTime?: Date;
  /** A certification signature with these DocMDP permissions (see PrepareSignatureOptions.docMdp). */
  certify?: 1 | 2 | 3;
}

/**
 * Plain data (structured-clonable) for the CPU-heavy document steps, so they can run in a
 * worker process while the Signer, the TSA client and the CRL fetcher stay with the caller.
 */
export interface DocumentOptions {
  level: PadesLevel;
  certificate: Uint8Array;
  chain: readonly Uint8Array[];
  signingTime: Date;
  visible?: VisibleSignature;
  fieldName?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  certify?: 1 | 2 | 3;
}

/**
 * Where the document steps run: here (signPdf) or in the signing pool (pool/signing-pool.ts),
 * which may keep the prepared document itself and write the result to a file, so its bytes
 * never reach the caller's thread. `P` is what prepare hands back (at least the digest the CMS
 * signs), `R` what the whole signature gives.
 */
export interface DocumentSteps<P extends { digest: Uint8Array }, R> {
  /** Opens the document, adds the appearance, writes the field and the placeholder. */
  prepare(doc: DocumentOptions): Promise<P>;
  /** Puts `cms` into the placeholder and, for B-LT, appends `dss` as a further update. */
  complete(prepared: P, cms: Uint8Array, dss: AppendDssOptions | undefined): Promise<R>;
  /** The signature failed between prepare and complete (the signer, the TSA): forget `prepared`. */
  abandon?(prepared: P): void;
}

/** Opens `input`, adds the visible appearance if any, and writes the field and placeholder. */
export async function prepareDocument(input: Uint8Array, doc: DocumentOptions): Promise<PreparedSignature> {
  const subject = subjectOf(doc.certificate);
  const pdf = await openPdf(input);
  const widget = doc.visible
    ? await placeVisibleSignature(pdf.doc, doc.visible, { name: subject.name, organisation: subject.organisation, signingTime: doc.signingTime })
    : undefined;
  return prepareSignature(pdf, {
    subFilter: 'ETSI.CAdES.detached',
    fieldName: doc.fieldName,
    signingTime: doc.signingTime,
    reason: doc.reason,
    location: doc.location,
    contactInfo: doc.contactInfo,
    name: subject.name,
    contentsSize: contentsSizeFor(doc, doc.level),
    widget,
    docMdp: doc.certify,
  });
}

/** The CMS into the placeholder (in place), then the DSS update if any: the second half of a signature wherever it runs. */
export async function completeDocument(prepared: PreparedSignature, cms: Uint8Array, dss: AppendDssOptions | undefined): Promise<Uint8Array> {
  const signed = embedSignature(prepared, cms, { inPlace: true });
  return dss ? appendDss(signed, dss) : signed;
}

/** Signs `input` and returns the new file, whose bytes start with `input`'s bytes. */
export function signPdf(input: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  return signWith({ prepare: (doc) => prepareDocument(input, doc), complete: (p, cms, dss) => completeDocument(p, cms, dss) }, opts);
}

/** signPdf with the document steps run by `steps`; the same bytes wherever they run. */
export async function signWith<P extends { digest: Uint8Array }, R>(steps: DocumentSteps<P, R>, opts: SignPdfOptions): Promise<R> {
  const level = opts.level ?? 'B-B';
  if (!PADES_LEVELS.includes(level)) throw new RangeError(`unknown PAdES level ${String(level)}`);
  if (level !== 'B-B' && !opts.timestamp) {
    throw new SigningError('signing.tsa_failed', `${level} needs a timestamp authority (TSA URL); none was configured.`);
  }
  const { signer } = opts;
  const prepared = await steps.prepare({
    level,
    certificate: signer.certificate,
    chain: signer.chain,
    signingTime: opts.signingTime ?? new Date(),
    visible: opts.visible,
    fieldName: opts.fieldName,
    reason: opts.reason,
    location: opts.location,
    contactInfo: opts.contactInfo,
    certify: opts.certify,
  });
  let cms: Uint8Array;
  let dss: AppendDssOptions | undefined;
  try {
    cms = await buildSignedData({ digest: prepared.digest, signer, timestamp: level === 'B-B' ? undefined : opts.timestamp });
    if (level === 'B-LT') {
      // What the DSS holds comes from the CMS (its certificates, its timestamp token), not from the bytes.
      const token = parseSignedData(cms).timestampToken;
      const data = await collectValidationData({
        certificates: [signer.certificate, ...signer.chain],
        timestampTokens: token ? [token] : [],
        crls: opts.crls,
        fetchCrl: opts.fetchCrl,
      });
      dss = { ...data, vri: true };
    }
  } catch (err) {
    steps.abandon?.(prepared);
    throw err;
  }
  return steps.complete(prepared, cms, dss);
}

// Room for the CMS: certificates, the signature value and, from B-T on, a timestamp token
// that carries the TSA's own chain. Generous: unused space is only zero bytes.
function contentsSizeFor(certs: { certificate: Uint8Array; chain: readonly Uint8Array[] }, level: PadesLevel): number {
  const size = [certs.certificate, ...certs.chain].reduce((n, c) => n + c.length, 0);
  return 4096 + size + (level === 'B-B' ? 0 : 12_288);
}

function subjectOf(certificate: Uint8Array): { name: string; organisation?: string } {
  const attrs = nameAttributes(loadCertificate(certificate).info.subject);
  return { name: attrs[OID.commonName] ?? 'Unknown signer', organisation: attrs[OID.organizationName] };
}
