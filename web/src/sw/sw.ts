// The service worker: the app opens without a network (its files precached per build), the
// meeting pages find their last API answers, and documents on this tablet are served from the
// documents cache, which the page fills after checking each file's SHA-256 (documents feature).
// It never stores an unchecked document, and keeps nothing across a sign-out (the page empties
// the caches). Updates wait until no page of the old build is open, so a page never loses the
// files it was built with mid-meeting.
import { API_CACHE, DOCUMENTS_CACHE, SHELL_CACHE_PREFIX } from '../features/documents/offline-caches.ts';
import { rangeResponse } from './byte-range.ts';
import { PRECACHE } from './precache.ts';
import { requestKind } from './request-kind.ts';

declare const self: ServiceWorkerGlobalScope;

const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${PRECACHE.version}`;
const SHELL_URLS: ReadonlySet<string> = new Set(PRECACHE.urls);
/** A page or an API read slower than this is answered from the cache (a weak link in a commune hall). */
const NETWORK_PATIENCE_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll([...PRECACHE.urls])));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(SHELL_CACHE_PREFIX) && name !== SHELL_CACHE) await caches.delete(name);
      }
      // The first install takes the open page at once: its documents work offline from now on.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  switch (requestKind(request, self.location.origin, SHELL_URLS)) {
    case 'navigation':
      return event.respondWith(page(request));
    case 'shell':
      return event.respondWith(shellFile(request));
    case 'api-read':
      return event.respondWith(apiRead(event));
    case 'document':
      return event.respondWith(documentFile(request));
    case 'other':
      return;
  }
});

async function page(request: Request): Promise<Response> {
  try {
    const response = await withPatience(fetch(request));
    if (response.status < 500) return response;
  } catch {
    // Offline or too slow: the app's page from the precache.
  }
  const cached = await caches.match('/index.html', { cacheName: SHELL_CACHE });
  return cached ?? Response.error();
}

async function shellFile(request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName: SHELL_CACHE })) ?? fetch(request);
}

async function apiRead(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const cache = await caches.open(API_CACHE);
  const network = fetch(request).then(async (response) => {
    if (response.status === 200) await cache.put(request.url, response.clone());
    // Signed out, uninvited, gone: what was remembered no longer holds.
    else if (response.status === 401 || response.status === 403 || response.status === 404) await cache.delete(request.url);
    return response;
  });
  // A late answer still refreshes the cache after the page got the remembered one.
  event.waitUntil(network.then(() => undefined, () => undefined));
  try {
    return await withPatience(network);
  } catch (err) {
    const cached = await cache.match(request.url, { ignoreVary: true });
    if (cached) return cached;
    // Nothing remembered: still the network's answer if it comes, else its failure.
    if (err instanceof PatienceExceeded) return network;
    return Response.error();
  }
}

async function documentFile(request: Request): Promise<Response> {
  const cached = await caches.match(request.url, { cacheName: DOCUMENTS_CACHE, ignoreVary: true });
  if (!cached) return fetch(request);
  return rangeResponse(cached, request.headers.get('Range'));
}

class PatienceExceeded extends Error {}

function withPatience<T>(promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new PatienceExceeded()), NETWORK_PATIENCE_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
