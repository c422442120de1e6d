import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { authPlugin } from '../../src/auth/index.ts';
import type { Db } from '../../src/db/index.ts';
import { problemPlugin } from '../../src/errors/index.ts';

// The /api gate of the auth plugin, on its own: an anonymous request never reaches an /api
// route that is not public, however its path is spelled (issue 9.7).

async function appWithSecretRoute() {
  const app = Fastify();
  await app.register(problemPlugin);
  await app.register(cookie);
  // No session cookie is sent, so the database is never asked.
  await app.register(authPlugin, { db: {} as Db });
  app.get('/api/secret', async () => ({ secret: 42 }));
  app.get('/api/open', { config: { public: true } }, async () => ({ open: true }));
  app.get('/page', async () => ({ page: true }));
  return app;
}

describe('the /api gate', () => {
  it.each(['/api/secret', '/%61pi/secret', '/%61%70%69/secret', '/api/%73ecret', '/api/secret?x=1'])('refuses anonymous %s', async (url) => {
    const app = await appWithSecretRoute();
    const res = await app.inject({ url });
    await app.close();
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'auth.unauthenticated' });
  });

  it('lets public routes and pages through', async () => {
    const app = await appWithSecretRoute();
    expect((await app.inject({ url: '/%61pi/open' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/page' })).statusCode).toBe(200);
    await app.close();
  });
});
