// The web app's service worker is served from the root (its scope is the whole app) and is
// asked for again on every check, so a new build reaches tablets the next time the app opens;
// the app's other files keep their usual headers.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from '../helpers/database.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe(`the service worker's headers (${databaseKind})`, () => {
  let t: TestServer;
  let dist: string;

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'ecabinet-dist-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    await writeFile(join(dist, 'assets', 'index-abc.js'), 'export {};');
    t = await startTestServer({ WEB_DIST_DIR: dist });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('serves /sw.js as JavaScript for the root scope, never from a cache without asking', async () => {
    const res = await fetch(`${t.url}/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('service-worker-allowed')).toBe('/');
    expect(await res.text()).toContain('addEventListener');
  });

  it('leaves the other files of the build as they were', async () => {
    const res = await fetch(`${t.url}/assets/index-abc.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('service-worker-allowed')).toBeNull();
    expect(res.headers.get('cache-control')).not.toBe('no-cache');
    const page = await fetch(`${t.url}/meetings/123/documents`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>app</title>');
  });
});
