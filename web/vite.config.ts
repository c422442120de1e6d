import { defineConfig } from 'vite';
import { pdfjsAssets } from './build/pdfjs-assets.ts';
import { serviceWorker } from './build/service-worker.ts';

// The web app's root is this folder: `vite build web` writes web/dist, which the server serves
// at / (SPA fallback to index.html for non-API GETs). In development (`vite web`) the server's
// own paths are proxied to a locally running `npm start`. Two more outputs: pdf.js's run-time
// data under /pdfjs/, and the service worker at /sw.js (offline documents; built last, with the
// list of everything else to precache).
const backend = 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [pdfjsAssets(), serviceWorker({ entry: 'src/sw/sw.ts' })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // pdf.js (~550 kB) is its own chunk, loaded when the documents page first opens.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
      '/docs': backend,
      '/healthz': backend,
    },
  },
});
