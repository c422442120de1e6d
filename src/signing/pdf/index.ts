// The PDF layer of the signing engine: reading, incremental updates, signature fields and
// placeholders, the DSS. Lowest layer: imports nothing from cms/, signers/ or appearance/.
export { IncrementalPdf, openPdf } from './incremental-pdf.ts';
export { prepareSignature, type PrepareSignatureOptions } from './prepare-signature.ts';
export { embedSignature, type ByteRange, type PreparedSignature } from './byte-range.ts';
export type { Rect, WidgetPlacement } from './signature-field.ts';
export { readSignatures, type PdfSignatureInfo } from './read-signatures.ts';
export { appendDss, readDss, type AppendDssOptions, type DssContents, type ValidationData } from './dss.ts';
export { formatPdfDate, parsePdfDate, VIETNAM_OFFSET_MINUTES } from './pdf-date.ts';
export { revisionEnds } from './file-structure.ts';
// Reading for the verifier: signatures with their revisions, earlier states of the file, scans.
export { collectSignatures, type SignatureRecord } from './read-signatures.ts';
export { readDssFrom } from './dss.ts';
export { revisionMarkers, type RevisionMarker } from './file-structure.ts';
export { revisionMap, type RevisionMap } from './revision-map.ts';
export { openView, type RevisionView } from './revision-view.ts';
export { isStructural, type Entries, type Location, type ObjectStore } from './object-store.ts';
export type { ScannedObject } from './object-scan.ts';
export { groupEntries, type XrefEntry } from './xref-read.ts';
export { listFields, type FormField } from './acroform.ts';
export { allPages, pageIndexOf } from './page-tree.ts';
export { latin1, skipWhiteAndComments } from './bytes.ts';
export { countPages } from './page-count.ts';
export { formXObject } from './native-deflate.ts';
