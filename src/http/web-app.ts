import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors/index.ts';
import { isApiPath, requestPath } from './request-path.ts';
import type { RouteMethods } from './route-methods.ts';

const SERVER_PREFIXES = ['/socket.io/', '/docs', '/healthz', '/metrics', '/pki/', '/tsa'];

export interface WebAppOptions {
  distDir: string;
  /** Every route's methods, to answer 405 rather than 404 to a known address. */
  routeMethods: RouteMethods;
}

/** The service worker's script (web/build/service-worker.ts), controlling the whole origin. */
const SERVICE_WORKER = '/sw.js';

/**
 * The service worker is asked for again on every check (no-cache: a new build must be found
 * the next time the app opens, whatever a cache in between thinks), as JavaScript, for the root
 * scope. Nothing else of the build needs headers of its own.
 */
function serviceWorkerHeaders(reply: FastifyReply, path: string): void {
  if (!path.endsWith(SERVICE_WORKER)) return;
  reply.header('Cache-Control', 'no-cache');
  reply.header('Content-Type', 'text/javascript; charset=utf-8');
  reply.header('Service-Worker-Allowed', '/');
}

/**
 * Serves the built web app (web/dist) and answers unknown page URLs with its index.html so the
 * client-side router can show them; unknown API URLs get a problem+json 404 instead, and a known
 * address asked with a method it does not answer a 405. Wrapped in fastify-plugin because the
 * not-found handler must be the root's.
 */
export const webAppPlugin = fp(async (app: FastifyInstance, opts: WebAppOptions) => {
  const hasBuild = existsSync(join(opts.distDir, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, { root: opts.distDir, wildcard: false, index: ['index.html'], setHeaders: serviceWorkerHeaders });
  } else {
    app.log.warn({ distDir: opts.distDir }, 'web app not built (npm run build); serving the API only');
  }
  app.setNotFoundHandler(async (request, reply) => {
    // Decoded as the router decodes it: `/%61pi/x` is an API path, not a page.
    const path = requestPath(request.url);
    if (path === undefined) throw new AppError('bad_url');
    const allowed = opts.routeMethods.allowed(path);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      throw new AppError('method_not_allowed');
    }
    const isPage =
      hasBuild &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !isApiPath(path) &&
      !SERVER_PREFIXES.some((p) => path.startsWith(p)) &&
      (request.headers.accept ?? '').includes('text/html');
    if (isPage) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    throw new AppError('not_found');
  });
});
