import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { build, type Plugin, type Rollup } from 'vite';

// The service worker (web/src/sw/) is a build of its own: one classic script at /sw.js (the
// root scope), with nothing shared by import with the app's chunks, so it runs in every browser
// that runs service workers. It is built when the app's bundle is complete, because it carries
// the list of that bundle's files (its precache) — which also makes every new build of the app
// a new sw.js, the byte change that tells browsers to install the update.

export const SERVICE_WORKER_FILE = 'sw.js';

/** What the worker is told at build time (web/src/sw/precache.ts declares it). */
export interface PrecacheManifest {
  /** Hash of the list: names the cache, so each build has its own. */
  version: string;
  /** Root-relative URLs of every file of the app, the page itself as `/index.html`. */
  urls: string[];
}

function publicFiles(dir: string | false): string[] {
  if (!dir) return [];
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const path = join(d, name);
      return statSync(path).isDirectory() ? walk(path) : [relative(dir, path).split(sep).join(posix.sep)];
    });
  try {
    return walk(dir);
  } catch {
    return [];
  }
}

export function serviceWorker(options: { entry: string }): Plugin {
  let root = '';
  let publicDir: string | false = false;
  return {
    name: 'ecabinet:service-worker',
    apply: 'build',
    // After every other plugin has put its files in the bundle (the html, pdf.js's assets).
    enforce: 'post',
    configResolved(config) {
      root = config.root;
      publicDir = config.publicDir || false;
    },
    async generateBundle(_options, bundle) {
      const files = [...Object.keys(bundle), ...publicFiles(publicDir)].filter((f) => !f.endsWith('.map') && f !== SERVICE_WORKER_FILE);
      const urls = [...new Set(files)].sort().map((f) => `/${f}`);
      const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 16);
      const manifest: PrecacheManifest = { version, urls };
      const output = (await build({
        configFile: false,
        root,
        publicDir: false,
        logLevel: 'warn',
        define: { __PRECACHE_MANIFEST__: JSON.stringify(JSON.stringify(manifest)) },
        build: {
          write: false,
          emptyOutDir: false,
          target: 'es2022',
          minify: true,
          lib: { entry: options.entry, formats: ['iife'], name: 'ecabinetServiceWorker', fileName: () => SERVICE_WORKER_FILE },
        },
      })) as Rollup.RollupOutput | Rollup.RollupOutput[];
      const chunk = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).find((o) => o.type === 'chunk');
      if (!chunk || chunk.type !== 'chunk') throw new Error('service worker build produced no script');
      this.emitFile({ type: 'asset', fileName: SERVICE_WORKER_FILE, source: chunk.code });
    },
  };
}
