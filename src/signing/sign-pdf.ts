// Signing a PDF end to end (PAdES baseline, ETSI EN 319 142-1): prepare the field and byte
// range as an incremental update, build the CMS over the digest, embed it, and for B-LT append
// the DSS as a further update. Each step only appends: earlier signatures stay valid.
import { buildSignedData, loadCertificate, nameAttributes, OID, parseSignedData } from './cms/index.ts';
import { SigningError } from './errors.ts';
import { appendDss, embedSignature, openPdf, prepareSignature, type AppendDssOptions, type OpenPdfOptions, type PreparedSignature } from './pdf/index.ts';
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
 * worker thread while the Signer, the TSA client and the CRL fetcher stay with the caller.
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

/** Where the document steps run: here (signPdf) or in a worker pool (pool/signing-pool.ts). */
export interface DocumentSteps {
  prepare(input: Uint8Array, doc: DocumentOptions): Promise<PreparedSignature>;
  appendDss(signed: Uint8Array, data: AppendDssOptions): Promise<Uint8Array>;
}

/** Opens `input`, adds the visible appearance if any, and writes the field and placeholder. */
export async function prepareDocument(input: Uint8Array, doc: DocumentOptions, open: OpenPdfOptions = {}): Promise<PreparedSignature> {
  const subject = subjectOf(doc.certificate);
  const pdf = await openPdf(input, open);
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

const LOCAL_STEPS: DocumentSteps = { prepare: (input, doc) => prepareDocument(input, doc), appendDss: (signed, data) => appendDss(signed, data) };

/** Signs `input` and returns the new file, whose bytes start with `input`'s bytes. */
export function signPdf(input: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  return signWith(LOCAL_STEPS, input, opts);
}

/** signPdf with the document steps run by `steps`; the same bytes wherever they run. */
export async function signWith(steps: DocumentSteps, input: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  const level = opts.level ?? 'B-B';
  if (!PADES_LEVELS.includes(level)) throw new RangeError(`unknown PAdES level ${String(level)}`);
  if (level !== 'B-B' && !opts.timestamp) {
    throw new SigningError('signing.tsa_failed', `${level} needs a timestamp authority (TSA URL); none was configured.`);
  }
  const { signer } = opts;
  const prepared = await steps.prepare(input, {
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
  const cms = await buildSignedData({
    digest: prepared.digest,
    signer,
    timestamp: level === 'B-B' ? undefined : opts.timestamp,
  });
  // prepared.bytes is ours alone: fill /Contents in place instead of copying 10 MB again.
  const signed = embedSignature(prepared, cms, { inPlace: true });
  if (level !== 'B-LT') return signed;

  const token = parseSignedData(cms).timestampToken;
  const data = await collectValidationData({
    certificates: [signer.certificate, ...signer.chain],
    timestampTokens: token ? [token] : [],
    crls: opts.crls,
    fetchCrl: opts.fetchCrl,
  });
  return steps.appendDss(signed, { ...data, vri: true });
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
