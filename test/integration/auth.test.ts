import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUMMY_HASH, verifyPassword } from '../../src/auth/password.ts';
import type { Me } from '../../src/contract/auth.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/hanoi.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';

describe(`auth (${databaseKind})`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ LOGIN_FREE_FAILURES: '3', LOGIN_ADDRESS_FREE_FAILURES: '5', LOGIN_RATE_LIMIT_PER_MINUTE: '8', TRUST_PROXY: 'true' });
  });
  afterAll(() => t?.close());

  it('answers /healthz with 200 while the database answers', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('refuses anonymous /api/me with a problem+json 401', async () => {
    const res = await new ApiClient(t.url).get('/api/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 401, code: 'auth.unauthenticated' });
    expect(body.title).toMatch(/đăng nhập/);
  });

  it.each(DEMO_ACCOUNTS.map((a) => [a.username, a] as const))('logs in as %s', async (username, account) => {
    const api = new ApiClient(t.url);
    const res = await api.login(username, DEMO_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ecabinet_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await api.json<Me>('/api/me');
    expect(me.username).toBe(username);
    expect(me.roles).toEqual(account.roles);
    expect(me.unit.code).toBe(account.unitCode);
  });

  it('stores only a hash of the password', async () => {
    const { users } = await import('../../src/auth/users.table.ts');
    const rows = await t.server.database.db.select({ h: users.passwordHash }).from(users);
    for (const r of rows) expect(r.h).toMatch(/^scrypt\$/);
    expect(rows.some((r) => r.h.includes(DEMO_PASSWORD))).toBe(false);
  });

  it('rejects a wrong password in the requested language without saying which part was wrong', async () => {
    const res = await new ApiClient(t.url, 'en').login('city.member', 'wrong-password');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'auth.invalid_credentials', title: 'The username or password is incorrect.' });
    const unknown = await new ApiClient(t.url, 'en').login('nobody.here', 'wrong-password');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: 'auth.invalid_credentials' });
  });

  /** A sign-in from a given client address (the server trusts X-Forwarded-For in this file). */
  const loginFrom = (address: string, username: string, password: string, api = new ApiClient(t.url, 'en')) =>
    api.post('/api/auth/login', { username, password }, { 'x-forwarded-for': address });

  it('backs off one address for one account instead of locking the account (issue 9.8)', async () => {
    const attacker = '203.0.113.10';
    for (let i = 0; i < 2; i++) expect((await loginFrom(attacker, 'd01.clerk', 'bad')).status).toBe(401);
    // The third failure (LOGIN_FREE_FAILURES) makes this pair wait 2^0 = 1 s; it is still a plain 401.
    expect((await loginFrom(attacker, 'd01.clerk', 'bad')).status).toBe(401);
    const waiting = await loginFrom(attacker, 'd01.clerk', DEMO_PASSWORD);
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('retry-after')).toBe('1');
    expect(await waiting.json()).toMatchObject({ code: 'auth.too_many_attempts', title: 'Too many failed sign-ins from this address. Please try again in 1 seconds.' });
    // The owner, elsewhere, signs in at once: five wrong passwords no longer lock anyone out.
    expect((await loginFrom('198.51.100.7', 'd01.clerk', DEMO_PASSWORD)).status).toBe(200);
    // After the wait, each further failure doubles it: 2 s now.
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await loginFrom(attacker, 'd01.clerk', 'bad')).status).toBe(401);
    const longer = await loginFrom(attacker, 'd01.clerk', 'bad');
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('2');
    // Once it has passed, the right password works from there too, and clears the pair's count.
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await loginFrom(attacker, 'd01.clerk', DEMO_PASSWORD)).status).toBe(200);
    expect((await loginFrom(attacker, 'd01.clerk', 'bad')).status).toBe(401);
  });

  it('answers an unknown username exactly like a known one with a wrong password', async () => {
    const answers = async (username: string, address: string) => {
      const out: { status: number; code: unknown; retryAfter: string | null; ms: number }[] = [];
      for (let i = 0; i < 4; i++) {
        const started = performance.now();
        const res = await loginFrom(address, username, 'bad');
        out.push({ status: res.status, code: ((await res.json()) as { code: unknown }).code, retryAfter: res.headers.get('retry-after'), ms: performance.now() - started });
      }
      return out;
    };
    const known = await answers('d02.leader', '203.0.113.20');
    const unknown = await answers('nobody.here', '203.0.113.21');
    const shape = (a: typeof known) => a.map(({ status, code, retryAfter }) => ({ status, code, retryAfter }));
    expect(shape(unknown)).toEqual(shape(known));
    expect(shape(known).map((a) => a.code)).toEqual(['auth.invalid_credentials', 'auth.invalid_credentials', 'auth.invalid_credentials', 'auth.too_many_attempts']);
    // Same timing class: an unknown name costs a password hash too. What one scrypt costs here,
    // at best; a server under load is slower, never faster, so the bound holds on a busy machine.
    let scryptMs = Infinity;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await verifyPassword('bad', DUMMY_HASH);
      scryptMs = Math.min(scryptMs, performance.now() - started);
    }
    for (const a of unknown.slice(0, 3)) expect(a.ms).toBeGreaterThan(scryptMs / 2);
  });

  it('caps failures from one address across accounts', async () => {
    const sprayer = '203.0.113.30';
    // LOGIN_ADDRESS_FREE_FAILURES is 5 here: one wrong password for each of five accounts.
    for (const username of ['city.clerk', 'city.member', 'd01.leader', 'd01.member', 'd02.clerk']) {
      expect((await loginFrom(sprayer, username, 'bad')).status).toBe(401);
    }
    const capped = await loginFrom(sprayer, 'd02.member', DEMO_PASSWORD);
    expect(capped.status).toBe(429);
    expect(await capped.json()).toMatchObject({ code: 'auth.too_many_attempts' });
    // Another address is not affected.
    expect((await loginFrom('203.0.113.31', 'd02.member', DEMO_PASSWORD)).status).toBe(200);
  });

  it('rate-limits logins for one account from one address, however the username is spelled', async () => {
    const statuses: number[] = [];
    for (const spelling of ['city.leader', 'City.Leader', ' CITY.LEADER ', 'city.leader', 'City.leader', 'CITY.leader', 'city.LEADER', 'cITY.lEADER', 'City.Leader ']) {
      statuses.push((await loginFrom('203.0.113.40', spelling, DEMO_PASSWORD)).status);
    }
    // Successful sign-ins are not failures, so only the per-minute limit (8 here) stops the ninth.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    const res = await loginFrom('203.0.113.40', 'city.leader', DEMO_PASSWORD);
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ code: 'rate_limited' });
  });

  it('ends the session on logout', async () => {
    const api = new ApiClient(t.url);
    expect((await api.login('d02.member', DEMO_PASSWORD)).status).toBe(200);
    expect((await api.get('/api/me')).status).toBe(200);
    const cookieBefore = (api as unknown as { cookie: string }).cookie;
    expect((await api.post('/api/auth/logout')).status).toBe(204);
    expect((await api.get('/api/me')).status).toBe(401);
    // The old token is dead on the server too, not just forgotten by the client.
    const replay = await fetch(`${t.url}/api/me`, { headers: { cookie: cookieBefore } });
    expect(replay.status).toBe(401);
  });

  it('validates the login body with a stable code', async () => {
    const api = new ApiClient(t.url);
    const res = await api.post('/api/auth/login', { username: 'x' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'validation_failed' });
    // Postgres refuses NUL in text: refused at validation, not a 500 from the lookup (issue 9.7).
    const nul = await api.post('/api/auth/login', { username: 'city.clerk\u0000', password: DEMO_PASSWORD });
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.username' }] });
    const bad = await api.post('/api/auth/login', '{"username":', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'bad_request' });
  });
});
