/** The signer's inbox: "Văn bản chờ ký". */
export const INBOX_PATH = '/inbox';
/** Upload a document and send it on a route (before DOCUMENT_PATH: "new" is not an id). */
export const NEW_DOCUMENT_PATH = '/documents/new';
/** What I sent for signature, and where each document is (before DOCUMENT_PATH: "sent" is not an id). */
export const DRAFTS_PATH = '/documents/sent';
export const DOCUMENT_PATH = '/documents/:id';
/** "Kiểm tra chữ ký": verify any PDF. */
export const VERIFY_PATH = '/verify';

export const documentPath = (id: string): string => `/documents/${encodeURIComponent(id)}`;
