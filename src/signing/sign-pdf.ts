// Signing a PDF end to end (PAdES baseline, ETSI EN 319 142-1): prepare the field and byte
// range as an incremental update, build the CMS over the digest, embed it, and for B-LT append
// the DSS as a further update. Each step only appends: earlier signatures stay valid.
import { buildSignedData, loadCertificate, nameAttributes, OID, parseSignedData } from './cms/index.ts';
import { SigningError } from './errors.ts';
import { appendDss, embedSignature, openPdf, prepareSignature } from './pdf/index.ts';
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
}

/** Signs `input` and returns the new file, whose bytes start with `input`'s bytes. */
export async function signPdf(input: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  const level = opts.level ?? 'B-B';
  if (!PADES_LEVELS.includes(level)) throw new RangeError(`unknown PAdES level ${String(level)}`);
  if (level !== 'B-B' && !opts.timestamp) {
    throw new SigningError('signing.tsa_failed', `${level} needs a timestamp authority (TSA URL); none was configured.`);
  }
  const signingTime = opts.signingTime ?? new Date();
  const subject = subjectOf(opts.signer.certificate);
  const pdf = await openPdf(input);
  const widget = opts.visible
    ? await placeVisibleSignature(pdf.doc, opts.visible, { name: subject.name, organisation: subject.organisation, signingTime })
    : undefined;

  const prepared = await prepareSignature(pdf, {
    subFilter: 'ETSI.CAdES.detached',
    fieldName: opts.fieldName,
    signingTime,
    reason: opts.reason,
    location: opts.location,
    contactInfo: opts.contactInfo,
    name: subject.name,
    contentsSize: contentsSizeFor(opts.signer, level),
    widget,
  });
  const cms = await buildSignedData({
    digest: prepared.digest,
    signer: opts.signer,
    timestamp: level === 'B-B' ? undefined : opts.timestamp,
  });
  const signed = embedSignature(prepared, cms);
  if (level !== 'B-LT') return signed;

  const token = parseSignedData(cms).timestampToken;
  const data = await collectValidationData({
    certificates: [opts.signer.certificate, ...opts.signer.chain],
    timestampTokens: token ? [token] : [],
    crls: opts.crls,
    fetchCrl: opts.fetchCrl,
  });
  return appendDss(signed, { ...data, vri: true });
}

// Room for the CMS: certificates, the signature value and, from B-T on, a timestamp token
// that carries the TSA's own chain. Generous: unused space is only zero bytes.
function contentsSizeFor(signer: Signer, level: PadesLevel): number {
  const certs = [signer.certificate, ...signer.chain].reduce((n, c) => n + c.length, 0);
  return 4096 + certs + (level === 'B-B' ? 0 : 12_288);
}

function subjectOf(certificate: Uint8Array): { name: string; organisation?: string } {
  const attrs = nameAttributes(loadCertificate(certificate).info.subject);
  return { name: attrs[OID.commonName] ?? 'Unknown signer', organisation: attrs[OID.organizationName] };
}
