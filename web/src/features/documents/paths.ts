/** The documents page of a meeting (the viewer); links to it are built with documentsPath. */
export const DOCUMENTS_PATH = '/meetings/:id/documents';
export const documentsPath = (meetingId: string, documentId?: string): string =>
  `/meetings/${encodeURIComponent(meetingId)}/documents${documentId ? `?doc=${encodeURIComponent(documentId)}` : ''}`;

/**
 * A meeting document version's file, as src/contract/agenda.ts's meetingDocumentFileUrl builds it
 * (repeated: only types cross from src/contract into the web app — a value import bundles zod,
 * whose schemas probe for eval at load and trip the page's Content-Security-Policy).
 */
export const meetingDocumentFileUrl = (meetingId: string, documentId: string, version: number): string =>
  `/api/meetings/${meetingId}/documents/${documentId}/versions/${version}/file`;
