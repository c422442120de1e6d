/** The documents page of a meeting (the viewer); links to it are built with documentsPath. */
export const DOCUMENTS_PATH = '/meetings/:id/documents';
export const documentsPath = (meetingId: string, documentId?: string): string =>
  `/meetings/${encodeURIComponent(meetingId)}/documents${documentId ? `?doc=${encodeURIComponent(documentId)}` : ''}`;
