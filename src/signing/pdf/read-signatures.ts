// Reading the signatures of a PDF for verification (ISO 32000-1 §12.8.1, §12.7.4.5). The CMS is
// taken from the bytes that /ByteRange leaves out — what a verifier must check — and compared
// with the dictionary's /Contents; any mismatch or odd range is reported in `issues`, never
// thrown, so the verifier can say what is wrong with a damaged signature.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { listFields, type FormField } from './acroform.ts';
import { berLength } from './der-length.ts';
import { openPdf, type IncrementalPdf } from './incremental-pdf.ts';
import { allPages, pageIndexOf } from './page-tree.ts';
import { revisionMap, type RevisionMap } from './revision-map.ts';
import { openView } from './revision-view.ts';
import { parsePdfDate } from './pdf-date.ts';
import { readText } from './pdf-text.ts';

export interface PdfSignatureInfo {
  /** Fully qualified field name. */
  fieldName: string;
  /** /Type: "Sig", "DocTimeStamp", or absent. */
  type?: string;
  filter?: string;
  subFilter?: string;
  /** [0 0 0 0] when the dictionary has no usable /ByteRange (see issues). */
  byteRange: [number, number, number, number];
  /** The CMS (DER), cut at its encoded length. */
  contents: Uint8Array;
  /** /M as written, and parsed. */
  m?: string;
  signingTime?: Date;
  reason?: string;
  location?: string;
  name?: string;
  contactInfo?: string;
  /** Page of the widget; undefined for an invisible (zero-size) widget or when unknown. */
  pageIndex?: number;
  rect?: [number, number, number, number];
  /** End of the revision this signature signs: the range end when it closes a revision, else the next `%%EOF` (+EOL). */
  revisionEnd?: number;
  /** Index (in `revisions`) of the revision the range closes; undefined when it closes none. */
  revision?: number;
  /**
   * False for a signature found only in an earlier revision: a later update removed its field
   * or replaced its value, so the document as it now stands no longer shows it.
   */
  current: boolean;
  /** Object numbers of the field and of its /V signature dictionary (when indirect). */
  fieldObject?: number;
  valueObject?: number;
  /** End offsets of all revisions in the file. */
  revisions: number[];
  /** byteRange end === file length: nothing was appended after this signature. */
  coversWholeFile: boolean;
  /** Structural problems found; empty for a well-formed signature. */
  issues: string[];
}

/** Internal: with the whole /Contents string, padding included (the VRI key hashes it). */
export type SignatureRecord = PdfSignatureInfo & { paddedContents: Uint8Array };

function name(obj: PDFObject | undefined): string | undefined {
  return obj instanceof PDFName ? obj.decodeText() : undefined;
}

function numbers(obj: PDFObject | undefined, count: number): number[] | undefined {
  if (!(obj instanceof PDFArray) || obj.size() !== count) return undefined;
  const out = obj.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : NaN));
  return out.every(Number.isFinite) ? out : undefined;
}

/** The hex string in the /ByteRange gap, or undefined when the gap is not exactly one. */
function gapContents(bytes: Uint8Array, from: number, to: number): Uint8Array | undefined {
  if (bytes[from] !== 0x3c || bytes[to - 1] !== 0x3e) return undefined;
  const hex = Buffer.from(bytes.subarray(from + 1, to - 1)).toString('latin1').replace(/[\0\t\n\f\r ]/g, '');
  if (!/^[0-9A-Fa-f]*$/.test(hex)) return undefined;
  return new Uint8Array(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex')); // §7.3.4.3: odd → final 0
}

function pageOf(doc: PDFDocument, widget: FormField['widgets'][number] | undefined): number | undefined {
  if (!widget) return undefined;
  // /P names the page (Table 164); only trusted when that page's /Annots holds the widget.
  const p = widget.dict.get(PDFName.of('P'));
  if (p instanceof PDFRef && widget.ref) {
    const i = pageIndexOf(doc, p);
    const page = i >= 0 ? doc.context.lookup(p) : undefined;
    const annots = page instanceof PDFDict ? doc.context.lookup(page.get(PDFName.of('Annots'))) : undefined;
    if (annots instanceof PDFArray && annots.asArray().includes(widget.ref)) return i;
  }
  const pages = allPages(doc);
  if (widget.ref) {
    const i = pages.findIndex((page) => {
      const annots = doc.context.lookup(page.node.get(PDFName.of('Annots')));
      return annots instanceof PDFArray && annots.asArray().includes(widget.ref as PDFRef);
    });
    if (i >= 0) return i;
  }
  const i = pages.findIndex((page) => page.ref === p);
  return i >= 0 ? i : undefined;
}

function record(doc: PDFDocument, bytes: Uint8Array, field: FormField, sig: PDFDict, map: RevisionMap, current: boolean): SignatureRecord {
  const { markers } = map;
  const revisions = markers.map((m) => m.end);
  const issues: string[] = [];
  const br = numbers(sig.get(PDFName.of('ByteRange')), 4);
  let byteRange: [number, number, number, number] = [0, 0, 0, 0];
  if (!br || br.some((v) => !Number.isSafeInteger(v) || v < 0)) issues.push('missing or malformed /ByteRange');
  else {
    byteRange = br as [number, number, number, number];
    const [a, b, c, d] = byteRange;
    if (a !== 0) issues.push('/ByteRange does not start at 0');
    if (a + b > c || c + d > bytes.length) issues.push('/ByteRange is out of order or beyond the end of the file');
  }
  const raw = sig.get(PDFName.of('Contents'));
  const fromDict = raw instanceof PDFHexString || raw instanceof PDFString ? raw.asBytes() : undefined;
  const [, b, c] = byteRange;
  const fromGap = issues.length === 0 ? gapContents(bytes, b, c) : undefined;
  if (issues.length === 0 && !fromGap) issues.push('the bytes excluded by /ByteRange are not exactly the /Contents string');
  if (fromGap && fromDict && Buffer.compare(fromGap, fromDict) !== 0) issues.push('/Contents differs from the bytes excluded by /ByteRange');
  const padded = fromGap ?? fromDict ?? new Uint8Array(0);
  const derLen = padded[0] === 0x30 ? berLength(padded) : undefined; // CMS ContentInfo is a SEQUENCE
  if (derLen === undefined) issues.push('/Contents does not hold a DER SEQUENCE');
  const end = byteRange[2] + byteRange[3];
  const marker = markers.find((r) => r.end >= end);
  // Ending right after `%%EOF` counts too: the EOL may have been written by the next update.
  const exact = marker !== undefined && end >= marker.eof + 5;
  const revisionEnd = exact ? end : marker?.end;
  if (issues.length === 0 && !exact) issues.push('/ByteRange does not end at the end of a revision');
  const revision = exact && marker ? markers.indexOf(marker) : undefined;
  // ISO 32000-1 §12.8.1: the signature covers the file as it was when the signature was
  // applied, so the range must end where the revision that wrote this dictionary ends. A range
  // ending earlier belongs to another signature (a copy of its /ByteRange and /Contents).
  const v = field.dict.get(PDFName.of('V'));
  const valueObject = v instanceof PDFRef ? v.objectNumber : undefined;
  const writtenIn = map.objectRevision(valueObject ?? field.ref?.objectNumber ?? -1);
  if (issues.length === 0 && revision !== undefined && writtenIn >= 0 && writtenIn !== revision) {
    issues.push(`/ByteRange ends at revision ${revision}, but this signature dictionary was written in revision ${writtenIn} (a copied signature)`);
  }
  const widget = field.widgets[0];
  const rect = numbers(widget?.dict.get(PDFName.of('Rect')), 4) as PdfSignatureInfo['rect'];
  const visible = rect !== undefined && Math.abs(rect[2] - rect[0]) > 0 && Math.abs(rect[3] - rect[1]) > 0;
  const m = readText(sig.get(PDFName.of('M')));
  return {
    fieldName: field.name,
    type: name(sig.get(PDFName.of('Type'))),
    filter: name(sig.get(PDFName.of('Filter'))),
    subFilter: name(sig.get(PDFName.of('SubFilter'))),
    byteRange,
    contents: padded.subarray(0, derLen ?? padded.length),
    m,
    signingTime: m === undefined ? undefined : parsePdfDate(m),
    reason: readText(sig.get(PDFName.of('Reason'))),
    location: readText(sig.get(PDFName.of('Location'))),
    name: readText(sig.get(PDFName.of('Name'))),
    contactInfo: readText(sig.get(PDFName.of('ContactInfo'))),
    pageIndex: visible ? pageOf(doc, widget) : undefined,
    rect,
    revisionEnd,
    revision,
    current,
    fieldObject: field.ref?.objectNumber,
    valueObject,
    revisions,
    coversWholeFile: issues.length === 0 && end === bytes.length,
    issues,
    paddedContents: padded,
  };
}

/**
 * Signature records of an opened PDF, in the order they were applied. With `history`, also the
 * signatures of earlier revisions that the document no longer shows (`current: false`): an
 * update that drops a signed field, or a trailer naming another catalog, must not make a
 * signature vanish from the verdict.
 */
export function collectSignatures(pdf: IncrementalPdf, opts: { history?: boolean } = {}): SignatureRecord[] {
  const bytes = pdf.original;
  const map = revisionMap(pdf);
  const out: SignatureRecord[] = [];
  const seen = new Set<string>();
  const collect = (doc: PDFDocument, current: boolean) => {
    for (const field of listFields(doc)) {
      if (field.type !== 'Sig') continue;
      const v = field.dict.get(PDFName.of('V'));
      const key = v instanceof PDFRef ? `v${v.objectNumber}` : `f${field.ref?.objectNumber ?? field.name}`;
      if (seen.has(key)) continue;
      // A signature dictionary only verification reads (signing never does) that cannot be
      // read is a broken signature to report, not a reason to refuse the whole file.
      try {
        const sig = doc.context.lookup(v);
        if (!(sig instanceof PDFDict)) continue;
        seen.add(key);
        out.push(record(doc, bytes, field, sig, map, current));
      } catch (err) {
        if (!(v instanceof PDFRef)) throw err;
        seen.add(key);
        out.push(unreadable(field, v, map, current, err));
      }
    }
  };
  collect(pdf.doc, true);
  if (opts.history) {
    const heads = [...new Set(map.heads.filter((h) => h > 0))].sort((a, b) => a - b);
    for (const head of heads) {
      try {
        collect(openView(pdf, head).doc, false);
      } catch {
        // an earlier state that cannot be read shows no signature; the revision rules report it
      }
    }
  }
  markCopies(out, map);
  return out.sort((x, y) => x.byteRange[2] + x.byteRange[3] - (y.byteRange[2] + y.byteRange[3]) || x.byteRange[1] - y.byteRange[1]);
}

function unreadable(field: FormField, v: PDFRef, map: RevisionMap, current: boolean, err: unknown): SignatureRecord {
  return {
    fieldName: field.name,
    byteRange: [0, 0, 0, 0],
    contents: new Uint8Array(0),
    revisions: map.markers.map((m) => m.end),
    current,
    fieldObject: field.ref?.objectNumber,
    valueObject: v.objectNumber,
    coversWholeFile: false,
    issues: [`the signature dictionary (object ${v.objectNumber}) cannot be read: ${(err as Error)?.message ?? String(err)}`],
    paddedContents: new Uint8Array(0),
  };
}

/**
 * Two fields whose signatures cover the same bytes: one signature, shown twice. The field
 * written first keeps it; the others are copies (issue 9.1: a new field whose /V copies an
 * earlier signature's /ByteRange and /Contents is not a second signature).
 */
function markCopies(records: SignatureRecord[], map: RevisionMap): void {
  const byRange = new Map<string, SignatureRecord[]>();
  for (const r of records) {
    if (r.byteRange.every((v) => v === 0)) continue;
    const key = r.byteRange.join(' ');
    byRange.set(key, [...(byRange.get(key) ?? []), r]);
  }
  const writtenIn = (r: SignatureRecord) => {
    const rev = r.fieldObject === undefined ? -1 : map.objectRevision(r.fieldObject);
    return rev < 0 ? Number.MAX_SAFE_INTEGER : rev;
  };
  for (const same of byRange.values()) {
    if (same.length < 2) continue;
    const [first, ...copies] = [...same].sort((a, b) => writtenIn(a) - writtenIn(b));
    for (const c of copies) c.issues.push(`/ByteRange is identical to that of the signature in field "${first?.fieldName}" (a copied signature)`);
  }
}

/** Every signed signature field of the PDF; throws only SigningError. */
export async function readSignatures(bytes: Uint8Array): Promise<PdfSignatureInfo[]> {
  const pdf = await openPdf(bytes);
  try {
    return collectSignatures(pdf).map(({ paddedContents: _padded, ...info }) => info);
  } catch (err) {
    if (err instanceof SigningError) throw err;
    throw new SigningError('pdf.malformed', `The PDF's form fields cannot be read: ${(err as Error)?.message ?? String(err)}.`, { cause: err });
  }
}
