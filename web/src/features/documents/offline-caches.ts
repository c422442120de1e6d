// What the service worker (web/src/sw/) and the page agree on: the caches and which URLs go in
// them. The worker serves from these caches; the page fills the documents cache (each file
// checked against the manifest's SHA-256 first) and empties everything at sign-out, since a
// tablet may be shared.

/** Document versions, put here only after their SHA-256 matched the manifest. */
export const DOCUMENTS_CACHE = 'ecabinet-documents-v1';
/** The last answers of the API reads a meeting page needs, for when the network is gone. */
export const API_CACHE = 'ecabinet-api-v1';
/** The app's own files, one cache per build (the worker's precache). */
export const SHELL_CACHE_PREFIX = 'ecabinet-shell-';

const UUID = '[0-9a-fA-F-]{36}';

/**
 * A document version's bytes, by the meeting's route or the store's: the URL names the version,
 * and a version never changes, so the URL is the cache key.
 */
export const DOCUMENT_FILE = new RegExp(`^/api/(meetings/${UUID}/)?documents/${UUID}/versions/\\d+/file$`);

/**
 * API reads answered from the cache when the network is gone: who is signed in, the home page,
 * a meeting, its agenda and its manifest. Anything else (writes, lists with queries) is not.
 */
export const OFFLINE_API_READS: readonly RegExp[] = [
  /^\/api\/me$/,
  /^\/api\/home$/,
  new RegExp(`^/api/meetings/${UUID}$`),
  new RegExp(`^/api/meetings/${UUID}/(agenda|manifest)$`),
];

/** The manifest of one meeting (its cached copy lists the versions to keep). */
export const manifestPath = (meetingId: string): string => `/api/meetings/${encodeURIComponent(meetingId)}/manifest`;
export const MANIFEST_PATH = new RegExp(`^/api/meetings/(${UUID})/manifest$`);
