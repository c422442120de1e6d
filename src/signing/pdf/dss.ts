// The Document Security Store (ETSI EN 319 142-1 §5.4.2; ISO 32000-2 §12.8.4.3): certificates,
// CRLs and OCSP responses for long-term validation (PAdES B-LT), added in an incremental
// update so every earlier signature keeps covering exactly its bytes. Existing entries are kept;
// data already present (same DER) is not stored twice.
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { openPdf, type IncrementalPdf } from './incremental-pdf.ts';
import { collectSignatures } from './read-signatures.ts';
import { decodeStream } from './stream-decode.ts';

export interface ValidationData {
  certs: Uint8Array[];
  crls: Uint8Array[];
  ocsps?: Uint8Array[];
}

export interface AppendDssOptions extends ValidationData {
  /**
   * Also add a /VRI entry (§5.4.2.2 of EN 319 142-1, optional in PAdES baseline) for every
   * signature that has none, listing this call's data. Keyed by the uppercase hex SHA-1 of the
   * signature's /Contents string, padding included (as Adobe and pyHanko do).
   */
  vri?: boolean;
}

export interface DssContents {
  certs: Uint8Array[];
  crls: Uint8Array[];
  ocsps: Uint8Array[];
  /** Keys of the /VRI dictionary. */
  vriKeys: string[];
}

const KEYS = { certs: 'Certs', crls: 'CRLs', ocsps: 'OCSPs' } as const;
const VRI_KEYS = { certs: 'Cert', crls: 'CRL', ocsps: 'OCSP' } as const;
type Kind = keyof typeof KEYS;

function streamsOf(pdf: IncrementalPdf, obj: PDFObject | undefined): { ref: PDFObject; data: Uint8Array }[] {
  const arr = pdf.doc.context.lookup(obj);
  if (!(arr instanceof PDFArray)) return [];
  const out: { ref: PDFObject; data: Uint8Array }[] = [];
  for (const item of arr.asArray()) {
    const s = pdf.doc.context.lookup(item);
    if (s instanceof PDFRawStream) out.push({ ref: item, data: decodeStream(s, pdf.store.budget) });
  }
  return out;
}

const digest = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Gets the DSS dictionary for editing, creating it if absent; marks its holder changed. */
function editableDss(pdf: IncrementalPdf): PDFDict {
  const { context, catalog } = pdf.doc;
  const raw = catalog.get(PDFName.of('DSS'));
  const dss = context.lookup(raw);
  if (raw instanceof PDFRef && dss instanceof PDFDict) {
    pdf.markChanged(raw);
    return dss;
  }
  pdf.markChanged(context.trailerInfo.Root as PDFRef);
  if (dss instanceof PDFDict) return dss;
  const fresh = context.obj({});
  catalog.set(PDFName.of('DSS'), context.register(fresh));
  return fresh;
}

/** Appends (or merges into) the catalog's /DSS in one incremental update. */
export async function appendDss(bytes: Uint8Array, data: AppendDssOptions): Promise<Uint8Array> {
  const pdf = await openPdf(bytes);
  try {
    const { context } = pdf.doc;
    const dss = editableDss(pdf);
    const added: Record<Kind, PDFObject[]> = { certs: [], crls: [], ocsps: [] };
    for (const kind of Object.keys(KEYS) as Kind[]) {
      const key = PDFName.of(KEYS[kind]);
      const existing = streamsOf(pdf, dss.get(key));
      const known = new Map(existing.map((e) => [digest(e.data), e.ref]));
      for (const der of data[kind] ?? []) {
        const h = digest(der);
        let ref = known.get(h);
        if (!ref) {
          ref = context.register(context.flateStream(der));
          known.set(h, ref);
        }
        if (!added[kind].includes(ref)) added[kind].push(ref);
      }
      const all = [...new Set([...existing.map((e) => e.ref), ...added[kind]])];
      if (all.length > 0) dss.set(key, context.obj(all)); // a direct array: the DSS changes anyway
    }
    if (data.vri) addVri(pdf, dss, added);
    return await pdf.save();
  } catch (err) {
    if (err instanceof SigningError) throw err;
    throw new SigningError('pdf.malformed', `The DSS cannot be added: ${(err as Error)?.message ?? String(err)}.`, { cause: err });
  }
}

function addVri(pdf: IncrementalPdf, dss: PDFDict, added: Record<Kind, PDFObject[]>): void {
  const { context } = pdf.doc;
  const raw = dss.get(PDFName.of('VRI'));
  let vri = context.lookup(raw);
  if (raw instanceof PDFRef && vri instanceof PDFDict) pdf.markChanged(raw);
  else if (!(vri instanceof PDFDict)) {
    vri = context.obj({});
    dss.set(PDFName.of('VRI'), vri);
  }
  const table = vri as PDFDict;
  for (const sig of collectSignatures(pdf)) {
    const key = PDFName.of(createHash('sha1').update(sig.paddedContents).digest('hex').toUpperCase());
    if (table.has(key)) continue;
    const entry = context.obj({ Type: 'VRI' });
    for (const kind of Object.keys(KEYS) as Kind[]) if (added[kind].length) entry.set(PDFName.of(VRI_KEYS[kind]), context.obj(added[kind]));
    table.set(key, context.register(entry));
  }
}

/** The DER objects stored in the DSS (empty lists when there is none). */
export async function readDss(bytes: Uint8Array): Promise<DssContents> {
  return readDssFrom(await openPdf(bytes));
}

/** readDss on an opened file. Decoding shares the file's budget (limits.ts). */
export function readDssFrom(pdf: IncrementalPdf): DssContents {
  try {
    const dss = pdf.doc.context.lookup(pdf.doc.catalog.get(PDFName.of('DSS')));
    const out: DssContents = { certs: [], crls: [], ocsps: [], vriKeys: [] };
    if (!(dss instanceof PDFDict)) return out;
    for (const kind of Object.keys(KEYS) as Kind[]) out[kind] = streamsOf(pdf, dss.get(PDFName.of(KEYS[kind]))).map((e) => e.data);
    const vri = pdf.doc.context.lookup(dss.get(PDFName.of('VRI')));
    if (vri instanceof PDFDict) out.vriKeys = vri.keys().map((k) => k.decodeText());
    return out;
  } catch (err) {
    if (err instanceof SigningError) throw err;
    throw new SigningError('pdf.malformed', `The DSS cannot be read: ${(err as Error)?.message ?? String(err)}.`, { cause: err });
  }
}
