// Preparing a PDF for signing: the signature dictionary (ISO 32000-1 §12.8.1 Table 252; PAdES,
// ETSI EN 319 142-1 §5.3 and §5.4.3 for document timestamps), its field and widget, written as
// one incremental update with a zero-filled /Contents window. The result is serialisable, so a
// remote signer or a person on a tablet can be awaited before embedSignature().
import { PDFHexString, PDFInvalidObject, PDFName, PDFRef, type PDFDict } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { listFields, uniqueSignatureName, type FormField } from './acroform.ts';
import { ascii } from './bytes.ts';
import { BYTE_RANGE_PLACEHOLDER, fillByteRange, type PreparedSignature } from './byte-range.ts';
import type { IncrementalPdf } from './incremental-pdf.ts';
import { formatPdfDate } from './pdf-date.ts';
import { pdfText } from './pdf-text.ts';
import { addSignatureField, checkPlacement, fillSignatureField, type WidgetPlacement } from './signature-field.ts';

export interface PrepareSignatureOptions {
  /** Default: the first free "Signature<N>". An existing unsigned field of that name is used. */
  fieldName?: string;
  /** CAdES signature (B-B and up) or a document timestamp (§5.4.3 in EN 319 142-1). */
  subFilter: 'ETSI.CAdES.detached' | 'ETSI.RFC3161';
  /** Written as /M; omit for document timestamps (the token carries the time). */
  signingTime?: Date;
  /** UTC offset for /M, in minutes east (default +07:00, Vietnam). */
  timeZoneOffsetMinutes?: number;
  reason?: string;
  location?: string;
  contactInfo?: string;
  name?: string;
  /** Bytes reserved for the CMS; the hex window is twice as long. */
  contentsSize: number;
  /** Omit for an invisible signature (zero-size widget on the first page). */
  widget?: WidgetPlacement;
  /**
   * Makes this a certification signature (ISO 32000-2 §12.8.2.2) with these DocMDP
   * permissions: 1 no changes, 2 form filling and signing, 3 also annotations. Only the first
   * signature of a document may certify it.
   */
  docMdp?: 1 | 2 | 3;
}

const MAX_CONTENTS = 4 * 1024 * 1024;

function signatureDictionary(pdf: IncrementalPdf, opts: PrepareSignatureOptions): PDFDict {
  const { context } = pdf.doc;
  const timestamp = opts.subFilter === 'ETSI.RFC3161';
  const dict = context.obj({
    // ISO 32000-2 Table 255: /DocTimeStamp for RFC 3161 document timestamps.
    Type: timestamp ? 'DocTimeStamp' : 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: opts.subFilter,
  });
  dict.set(PDFName.of('ByteRange'), PDFInvalidObject.of(ascii(BYTE_RANGE_PLACEHOLDER)));
  dict.set(PDFName.of('Contents'), PDFHexString.of('0'.repeat(opts.contentsSize * 2)));
  if (opts.signingTime) {
    dict.set(PDFName.of('M'), pdfText(formatPdfDate(opts.signingTime, { offsetMinutes: opts.timeZoneOffsetMinutes ?? 420 })));
  }
  const text: [string, string | undefined][] = [
    ['Name', opts.name],
    ['Reason', opts.reason],
    ['Location', opts.location],
    ['ContactInfo', opts.contactInfo],
  ];
  for (const [key, value] of text) if (value) dict.set(PDFName.of(key), pdfText(value));
  if (opts.docMdp !== undefined) {
    // Table 253 signature reference dictionary, Table 257 DocMDP transform parameters.
    const params = context.obj({ Type: 'TransformParams', P: opts.docMdp, V: PDFName.of('1.2') });
    dict.set(PDFName.of('Reference'), context.obj([context.obj({ Type: 'SigRef', TransformMethod: 'DocMDP', TransformParams: params })]));
  }
  return dict;
}

/** §12.8.2.2.1: the certification is the document's first signature; the catalog names it in /Perms. */
function certify(pdf: IncrementalPdf, fields: readonly FormField[], sigRef: PDFRef): void {
  if (fields.some((f) => f.type === 'Sig' && f.dict.has(PDFName.of('V')))) {
    throw new SigningError('signing.certification_not_first', 'The document is already signed; only its first signature can certify it (DocMDP).');
  }
  const { catalog, context } = pdf.doc;
  catalog.set(PDFName.of('Perms'), context.obj({ DocMDP: sigRef }));
  pdf.markChanged(context.trailerInfo.Root as PDFRef);
}

function checkFieldName(name: string): void {
  // §12.7.3.2: a partial field name shall not contain a period.
  if (typeof name !== 'string' || name.length === 0 || name.length > 255 || name.includes('.')) {
    throw new SigningError('signing.placement_invalid', `"${String(name)}" is not a valid field name (non-empty, no periods).`);
  }
}

/** Writes the field, widget and signature dictionary as one update; see PreparedSignature. */
export async function prepareSignature(pdf: IncrementalPdf, opts: PrepareSignatureOptions): Promise<PreparedSignature> {
  if (!Number.isInteger(opts.contentsSize) || opts.contentsSize < 1 || opts.contentsSize > MAX_CONTENTS) {
    throw new RangeError(`contentsSize must be an integer from 1 to ${MAX_CONTENTS}`);
  }
  if (opts.subFilter !== 'ETSI.CAdES.detached' && opts.subFilter !== 'ETSI.RFC3161') {
    throw new RangeError(`unsupported SubFilter ${String(opts.subFilter)}`);
  }
  try {
    const fields = listFields(pdf.doc);
    const name = opts.fieldName ?? uniqueSignatureName(fields);
    const existing = fields.find((f) => f.name === name);
    if (!existing) {
      checkFieldName(name);
      checkPlacement(pdf, opts.widget); // before anything is added to the document
    } else if (existing.type !== 'Sig') {
      throw new SigningError('signing.field_exists', `A form field named "${name}" exists and is not a signature field.`);
    } else if (existing.dict.has(PDFName.of('V'))) {
      throw new SigningError('signing.field_exists', `The signature field "${name}" is already signed.`);
    }
    if (opts.docMdp !== undefined && ![1, 2, 3].includes(opts.docMdp)) throw new RangeError('docMdp must be 1, 2 or 3');
    const sigRef: PDFRef = pdf.doc.context.register(signatureDictionary(pdf, opts));
    if (opts.docMdp !== undefined) certify(pdf, fields, sigRef);
    if (existing) fillSignatureField(pdf, existing, sigRef, opts.widget?.appearance);
    else addSignatureField(pdf, name, sigRef, opts.widget);
    const { bytes, offsets } = await pdf.saveUpdate();
    const at = offsets.get(sigRef);
    if (at === undefined) throw new Error('the signature dictionary was not written');
    return fillByteRange(bytes, at);
  } catch (err) {
    if (err instanceof SigningError) throw err;
    throw new SigningError('pdf.malformed', `The PDF cannot take a signature field: ${(err as Error)?.message ?? String(err)}.`, { cause: err });
  }
}
