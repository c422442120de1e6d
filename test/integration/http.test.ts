import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELPER_THREADS_NICENESS, osThreadId } from '../../src/thread-priority.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';

const PAGE = '<!doctype html><title>ecabinet</title>';

describe(`http surface (${databaseKind})`, () => {
  let t: TestServer;
  let webDist: string;
  beforeAll(async () => {
    // A stand-in for the built web app, so the page fallback is tested without a build.
    webDist = await mkdtemp(join(tmpdir(), 'ecabinet-web-'));
    await writeFile(join(webDist, 'index.html'), PAGE);
    t = await startTestServer({ WEB_DIST_DIR: webDist });
  });
  afterAll(async () => {
    await t?.close();
    await rm(webDist, { recursive: true, force: true });
  });

  it.runIf(process.platform === 'linux')('leaves the CPU to its event loop before the process’s other threads (V8’s helpers, libuv’s pool), but not to the embedded database’s', () => {
    const self = osThreadId();
    if (self === undefined) throw new Error('no thread id on Linux');
    const loopThreads = t.server.database.loopThreads;
    const others = readdirSync('/proc/self/task')
      .map(Number)
      .filter((tid) => tid !== self && !loopThreads.includes(tid));
    expect(others.length).toBeGreaterThan(1);
    const target = Math.min(19, getPriority(self) + HELPER_THREADS_NICENESS);
    expect(others.filter((tid) => getPriority(tid) < target)).toEqual([]);
    // The embedded database answers every request: it keeps the loop's priority.
    expect(loopThreads.length).toBe(databaseKind === 'pglite' ? 1 : 0);
    for (const tid of loopThreads) expect(getPriority(tid)).toBe(getPriority(self));
  });

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

  it('answers what Node and the router refuse before any route runs with problem+json too (issue 9.7)', async () => {
    const cases: [string, string, number, string][] = [
      ['bad percent-encoding', 'GET /api/meetings/%zz HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'bad_url'],
      ['a path parameter past its limit', `GET /api/meetings/${'a'.repeat(200)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'uri_too_long'],
      ['a URL past the header limit', `GET /api/${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'headers_too_large'],
      ['headers past the limit', `GET /api/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
      ['a broken request line', 'GARBAGE\r\n\r\n', 400, 'bad_request'],
      ['a body longer than its Content-Length', 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n{"username":"a"}', 400, 'bad_request'],
      ['a broken chunk', 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400, 'bad_request'],
      ['a JSON body that does not parse', 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n{{{', 400, 'bad_request'],
      ['a known address with another method', 'POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n', 405, 'method_not_allowed'],
    ];
    for (const [what, request, status, code] of cases) {
      const res = await rawRequest(t.url, request);
      expect(res.status, what).toBe(status);
      expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body), what).toMatchObject({ status, code });
      expect(res.headers['x-content-type-options'], what).toBe('nosniff');
      expect(res.headers['content-security-policy'], what).toMatch(/frame-ancestors 'none'/);
    }
  });

  it('answers 405 with Allow for a method a known address does not take, 404 for an unknown address', async () => {
    const api = new ApiClient(t.url);
    await api.login('city.member', DEMO_PASSWORD);
    const res = await api.request('DELETE', '/api/me');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(await res.json()).toMatchObject({ code: 'method_not_allowed' });
    const meeting = await api.request('PUT', '/api/meetings/00000000-0000-4000-8000-000000000000');
    expect(meeting.status).toBe(405);
    expect((await api.request('PUT', '/api/nothing/here')).status).toBe(404);
  });

  it('serves the web app for page addresses but never for an API address, however it is encoded', async () => {
    const page = await fetch(`${t.url}/meetings/123`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(PAGE);
    for (const path of ['/api/nothing', '/%61pi/nothing', '/%61%70%69/nothing']) {
      const res = await fetch(`${t.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(401);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
    }
    const api = new ApiClient(t.url);
    await api.login('city.member', DEMO_PASSWORD);
    const encoded = await api.request('GET', '/%61pi/nothing', undefined, { accept: 'text/html' });
    expect(encoded.status).toBe(404);
    expect(await encoded.json()).toMatchObject({ code: 'not_found' });
  });

  it('puts the security headers on every kind of response (issue 9.10)', async () => {
    const api = new ApiClient(t.url);
    await api.login('city.member', DEMO_PASSWORD);
    const responses = [
      await fetch(`${t.url}/meetings`, { headers: { accept: 'text/html' } }), // the app's page (fallback)
      await fetch(`${t.url}/index.html`), // a static file
      await api.get('/api/me'),
      await api.get('/api/nothing'),
      await fetch(`${t.url}/api/me`), // 401
      await fetch(`${t.url}/healthz`),
      await fetch(`${t.url}/docs/json`),
    ];
    for (const res of responses) {
      const where = `${res.url} ${res.status}`;
      expect(res.headers.get('content-security-policy'), where).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), where).toBe('same-origin');
      // PUBLIC_URL is http here: HSTS would make browsers refuse the plain-http address.
      expect(res.headers.get('strict-transport-security'), where).toBeNull();
    }
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
