// The PDF layer of the signing engine: reading, incremental updates, signature fields and
// placeholders, the DSS. Lowest layer: imports nothing from cms/, signers/ or appearance/.
export { IncrementalPdf, openPdf, type OpenPdfOptions } from './incremental-pdf.ts';
export { prepareSignature, type PrepareSignatureOptions } from './prepare-signature.ts';
export { embedSignature, type ByteRange, type PreparedSignature } from './byte-range.ts';
export type { Rect, WidgetPlacement } from './signature-field.ts';
export { readSignatures, type PdfSignatureInfo } from './read-signatures.ts';
export { appendDss, readDss, type AppendDssOptions, type DssContents, type ValidationData } from './dss.ts';
export { formatPdfDate, parsePdfDate, VIETNAM_OFFSET_MINUTES } from './pdf-date.ts';
export { revisionEnds } from './file-structure.ts';
export { countPages } from './page-count.ts';
