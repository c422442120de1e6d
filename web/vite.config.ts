import { defineConfig } from 'vite';

// The web app's root is this folder: `vite build web` writes web/dist, which the server serves
// at / (SPA fallback to index.html for non-API GETs). In development (`vite web`) the server's
// own paths are proxied to a locally running `npm start`.
const backend = 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
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
