import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { loginRequestSchema, loginResponseSchema, meSchema } from '../contract/auth.ts';
import type { Db } from '../db/index.ts';
import { problemResponses } from '../errors/index.ts';
import { clientAddressKey } from './client-address.ts';
import type { LiveConnections } from './live-connections.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';
import { principalOf, SESSION_COOKIE } from './plugin.ts';
import { resolveSession } from './session.service.ts';
import { normaliseUsername } from './username.ts';

export interface AuthRoutesOptions {
  db: Db;
  config: Config;
  /** Signing out ends the session's sockets too. */
  connections: LiveConnections;
}

export async function authRoutes(app: FastifyInstance, { db, config, connections }: AuthRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = config.publicUrl.startsWith('https:');

  r.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        // Per account and address, keyed as login spells them (case and spaces give no fresh
        // allowance): a guessing client is slowed, a shared office NAT is not. Failed attempts
        // are throttled further by login itself (login-throttle.ts), across nodes.
        rateLimit: {
          max: config.login.ratePerMinute,
          timeWindow: 60_000,
          keyGenerator: (req) => {
            const username = (req.body as { username?: unknown } | undefined)?.username;
            return `${clientAddressKey(req.ip)}|${normaliseUsername(typeof username === 'string' ? username : '')}`;
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: loginRequestSchema,
        response: { 200: loginResponseSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const session = await login(
        db,
        { ...config.login, sessionTtlMs: config.sessionTtlMs },
        { ...request.body, address: clientAddressKey(request.ip), ip: request.ip },
      );
      const principal = await resolveSession(db, session.token);
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        expires: session.expiresAt,
      });
      return { user: meSchema.parse(principal) };
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { public: true }, schema: { tags: ['auth'], summary: 'Sign out; ends the session’s live connections too', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) connections.endSession(await logout(db, token, request.principal, { ip: request.ip }));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, unit and roles',
        response: { 200: meSchema, ...problemResponses(401) },
      },
    },
    async (request) => meSchema.parse(principalOf(request)),
  );
}
