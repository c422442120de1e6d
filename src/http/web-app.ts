import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors/index.ts';

const API_PREFIXES = ['/api/', '/socket.io/', '/docs', '/healthz', '/metrics'];

/**
 * Serves the built web app (web/dist) and answers unknown page URLs with its index.html so the
 * client-side router can show them; unknown API URLs get a problem+json 404 instead. Wrapped in
 * fastify-plugin because the not-found handler must be the root's.
 */
export const webAppPlugin = fp(async (app: FastifyInstance, opts: { distDir: string }) => {
  const hasBuild = existsSync(join(opts.distDir, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, { root: opts.distDir, wildcard: false, index: ['index.html'] });
  } else {
    app.log.warn({ distDir: opts.distDir }, 'web app not built (npm run build); serving the API only');
  }
  app.setNotFoundHandler(async (request, reply) => {
    const isPage =
      hasBuild &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !API_PREFIXES.some((p) => request.url.startsWith(p)) &&
      (request.headers.accept ?? '').includes('text/html');
    if (isPage) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    throw new AppError('not_found');
  });
});
