import { DOCUMENT_FILE, OFFLINE_API_READS } from '../features/documents/offline-caches.ts';

/**
 * How the service worker answers a request:
 * - `navigation`: a page of the app — the network, else this build's index.html (the router
 *   draws the page from there);
 * - `shell`: a file of this build — from the precache;
 * - `api-read`: an API read a meeting page needs — the network, remembered; the last answer
 *   when the network is gone or too slow;
 * - `document`: a document version — from the documents cache when it is on this tablet;
 * - `other`: not touched (writes, the socket, anything else).
 */
export type RequestKind = 'navigation' | 'shell' | 'api-read' | 'document' | 'other';

/** Paths the server owns even when navigated to: never answered with the app's page. */
const SERVER_PAGES = /^\/(api|socket\.io|docs|healthz|metrics|pki|tsa)(\/|$)/;

export function requestKind(
  request: { readonly method: string; readonly mode: string; readonly url: string },
  origin: string,
  shellUrls: ReadonlySet<string>,
): RequestKind {
  if (request.method !== 'GET') return 'other';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'other';
  if (request.mode === 'navigate') return SERVER_PAGES.test(url.pathname) ? 'other' : 'navigation';
  if (DOCUMENT_FILE.test(url.pathname)) return 'document';
  if (url.search === '' && OFFLINE_API_READS.some((r) => r.test(url.pathname))) return 'api-read';
  if (shellUrls.has(url.pathname)) return 'shell';
  return 'other';
}
