import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const HSTS_MAX_AGE_S = 180 * 24 * 3600;

/**
 * Security headers on every response, through helmet. The Content-Security-Policy allows what the
 * web app does and nothing more: its own scripts, styles, images and workers; images and media
 * from blob: and data: URLs (camera previews, QR codes, signature images); WebAssembly compiled
 * by pdf.js's worker (JPEG 2000, JBIG2 and colour profiles decode in wasm), never eval. socket.io
 * connects to the same origin ('self' covers ws: and wss: there, CSP Level 3 §6.7.2.6).
 * Nothing may frame the app (clickjacking a signing page). HSTS and upgrade-insecure-requests only
 * when PUBLIC_URL is https: on a plain-http LAN address they would break every request.
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance, opts: { publicUrl: string }) => {
  const https = opts.publicUrl.startsWith('https:');
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_S, includeSubDomains: false } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // The app embeds nothing cross-origin; requiring CORP of embedded resources would gain nothing.
    crossOriginEmbedderPolicy: false,
  });
});
