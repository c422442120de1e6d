// Filled in at build time by web/build/service-worker.ts (Vite `define`, as JSON text: an
// object or array given to `define` does not come out intact): every file of this build of
// the app, and a version naming its cache.
declare const __PRECACHE_MANIFEST__: string;

export const PRECACHE: { readonly version: string; readonly urls: readonly string[] } = JSON.parse(__PRECACHE_MANIFEST__) as {
  version: string;
  urls: string[];
};
