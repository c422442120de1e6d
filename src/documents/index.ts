// The documents store: PDFs uploaded as streams, checked by the signing engine's reader, kept on
// disk by SHA-256 with immutable versions in Postgres, served with Range and strong ETags. It
// knows no meetings or signing routes: those capabilities store through DocumentStore and add
// their readers to DocumentReaders.
export { DocumentReaders, readableDocument, type DocumentReaderRule } from './document-access.ts';
export { DocumentDetailExtensions, type DocumentDetailExtension } from './detail-extensions.ts';
export { toDocumentDetail } from './document-detail.ts';
export { currentVersions, documentsAtCurrent, type CurrentVersion } from './document-queries.ts';
export { DocumentStore, titleFromFilename, type CheckedUpload, type PdfInspector, type StoredDocument, type WithinStore } from './document-store.ts';
export type { DocumentRow, DocumentVersionRow } from './documents.table.ts';
export { FILE_FIELD } from './receive-upload.ts';
export { documentRoutes, type DocumentRoutesOptions } from './routes.ts';
export { IMMUTABLE_CACHE } from './send-version.ts';
export { parseUploadFields } from './upload-fields.ts';
export { versionFacts } from './version-facts.ts';
