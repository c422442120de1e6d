/**
 * The path of a request URL as the router sees it: without the query, percent-decoded once
 * (`/%61pi/me` is `/api/me`), or undefined when the encoding is broken. Checks that decide by
 * path must read this, not the raw URL, or an encoded letter walks past them.
 */
export function requestPath(url: string): string | undefined {
  const q = url.indexOf('?');
  const raw = q === -1 ? url : url.slice(0, q);
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** True for `/api` and everything under it. */
export const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');
