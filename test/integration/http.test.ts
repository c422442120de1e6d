import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';

describe(`http surface (${databaseKind})`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('serves Prometheus metrics including per-route request counts', async () => {
    await fetch(`${t.url}/healthz`);
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/ecabinet_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toContain('ecabinet_process_cpu_seconds_total');
    expect(text).toMatch(/^ecabinet_media_workers 1$/m);
    expect(text).toMatch(/^ecabinet_media_consumers\{worker="0"\} 0$/m);
  });

  it('publishes OpenAPI docs at /docs', async () => {
    const ui = await fetch(`${t.url}/docs`, { redirect: 'follow' });
    expect(ui.status).toBe(200);
    const spec = (await (await fetch(`${t.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me', '/api/units']));
  });

  it('answers unknown API paths with problem+json 404 once signed in', async () => {
    const api = new ApiClient(t.url);
    await api.login('city.member', DEMO_PASSWORD);
    const res = await api.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'not_found' });
  });

  it('refuses an oversized body with 413, not a crash', async () => {
    const api = new ApiClient(t.url);
    const res = await api.post('/api/auth/login', { username: 'x', password: 'y'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'payload_too_large' });
  });

  it('answers 503 on /healthz when the database is gone', async () => {
    const own = await startTestServer();
    await own.server.database.close();
    const res = await fetch(`${own.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'service_unavailable' });
    await own.close();
  });
});
