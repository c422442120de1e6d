import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { isApiPath, requestPath } from '../http/index.ts';
import type { Principal } from './principal.ts';
import { resolveSession } from './session.service.ts';

export const SESSION_COOKIE = 'ecabinet_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every authenticated request; routes marked `config: { public: true }` may lack it. */
    principal: Principal | undefined;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health). Everything else under /api needs one. */
    public?: boolean;
  }
}

/** The signed-in principal, or 401. Handlers call this instead of reading `request.principal`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('auth.unauthenticated');
  return request.principal;
}

// Secure by default: a new /api route needs a session unless it opts out explicitly.
export const authPlugin = fp(
  async (app: FastifyInstance, opts: { db: Db }) => {
    app.decorateRequest('principal', undefined);
    app.addHook('onRequest', async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) request.principal = await resolveSession(opts.db, token);
      // The route's own pattern when one matched, else the path decoded as the router decodes
      // it: the raw URL would let `/%61pi/…` reach an /api route past this check.
      const path = request.routeOptions.url ?? requestPath(request.url) ?? request.url;
      if (isApiPath(path) && !request.principal && !request.routeOptions.config.public) {
        throw new AppError('auth.unauthenticated');
      }
    });
  },
  { name: 'ecabinet-auth', dependencies: ['@fastify/cookie'] },
);
