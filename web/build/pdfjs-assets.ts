import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import type { Plugin } from 'vite';
import { PDFJS_ASSETS_PATH } from '../src/features/documents/pdfjs-paths.ts';

// pdf.js reads some data at run time rather than from its bundle: the predefined CMaps (CJK
// encodings), the standard fonts it substitutes for fonts a PDF names but does not embed, its
// image decoders (wasm) and a CMYK profile. They are copied from pdfjs-dist into the build under
// /pdfjs/ so the viewer loads them from 'self' — nothing from a CDN — and the service worker can
// precache them for a tablet that reads offline.

const FOLDERS = ['cmaps', 'standard_fonts', 'wasm', 'iccs'] as const;

function pdfjsRoot(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('pdfjs-dist/package.json'));
}

/** Every file to copy, as [path under /pdfjs/, absolute path]. */
function pdfjsFiles(): Array<[string, string]> {
  const root = pdfjsRoot();
  return FOLDERS.flatMap((folder) =>
    readdirSync(join(root, folder))
      .filter((name) => statSync(join(root, folder, name)).isFile())
      .map((name): [string, string] => [posix.join(folder, name), join(root, folder, name)]),
  );
}

const CONTENT_TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.js': 'text/javascript',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.icc': 'application/vnd.iccprofile',
};

export function pdfjsAssets(): Plugin {
  return {
    name: 'ecabinet:pdfjs-assets',
    // `vite web` (development): the same paths, straight from node_modules.
    configureServer(server) {
      const files = new Map(pdfjsFiles());
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        const file = path.startsWith(PDFJS_ASSETS_PATH) ? files.get(path.slice(PDFJS_ASSETS_PATH.length)) : undefined;
        if (!file) return next();
        res.setHeader('Content-Type', CONTENT_TYPES[posix.extname(file)] ?? 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const [name, file] of pdfjsFiles()) {
        // The LICENSE files of each folder go along with what they license.
        this.emitFile({ type: 'asset', fileName: posix.join(PDFJS_ASSETS_PATH.slice(1), name), source: readFileSync(file) });
      }
    },
  };
}
