import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../src/contract/auth.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/hanoi.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';

describe(`auth (${databaseKind})`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ LOGIN_LOCK_AFTER_FAILURES: '3', LOGIN_RATE_LIMIT_PER_MINUTE: '6' });
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

  it('locks an account after repeated failures, even against the right password', async () => {
    const api = new ApiClient(t.url);
    for (let i = 0; i < 2; i++) expect((await api.login('d01.clerk', 'bad')).status).toBe(401);
    const third = await api.login('d01.clerk', 'bad');
    expect(third.status).toBe(423);
    expect(await third.json()).toMatchObject({ code: 'auth.account_locked' });
    const right = await api.login('d01.clerk', DEMO_PASSWORD);
    expect(right.status).toBe(423);
    // Another account is unaffected.
    expect((await new ApiClient(t.url).login('d01.member', DEMO_PASSWORD)).status).toBe(200);
  });

  it('rate-limits repeated logins for one account from one address', async () => {
    const api = new ApiClient(t.url);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await api.login('city.leader', 'bad')).status);
    expect(statuses).toContain(429);
    const res = await api.login('city.leader', 'bad');
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
