// The documents store through its HTTP API on both databases: uploads kept by SHA-256 with their
// page count, downloads of exactly those bytes with Range and ETag, every refusal leaving no row
// and no file, concurrent uploads of the same bytes, and who may read a document.
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail, DocumentStored } from '../../src/contract/documents.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { filesUnder, sha256, storeRowCounts, uploadPdf } from '../helpers/documents.ts';
import { basePdf } from '../helpers/pdf-fixtures.ts';
import { ghostscript, hasTool, pdfPageCount, pdftocairo, qpdf } from '../helpers/pdf-tools.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';

// A small limit so "too large" needs no big file: 0.25 MiB.
const MAX_MB = '0.25';

describe(`documents API (${databaseKind})`, () => {
  let t: TestServer;
  let storeDir: string;
  const as = async (username: string) => {
    const c = new ApiClient(t.url, 'en');
    expect((await c.login(username, DEMO_PASSWORD)).status).toBe(200);
    return c;
  };

  beforeAll(async () => {
    t = await startTestServer({ DOCUMENT_MAX_MB: MAX_MB });
    storeDir = `${t.config.dataDir}/documents`;
  });
  afterAll(() => t?.close());

  it('stores an upload by SHA-256 with its page count and serves exactly its bytes', async () => {
    const clerk = await as('d01.clerk');
    const pdf = await basePdf({ pages: 3 });
    const res = await uploadPdf(clerk, '/api/documents', pdf, { filename: 'Báo cáo quý 3.pdf' });
    expect(res.status).toBe(201);
    const stored = (await res.json()) as DocumentStored;
    expect(stored).toEqual({ id: expect.any(String), version: 1, sha256: sha256(pdf), size: pdf.length, pages: 3 });

    const detail = await clerk.json<DocumentDetail>(`/api/documents/${stored.id}`);
    expect(detail).toMatchObject({ id: stored.id, title: 'Báo cáo quý 3', version: 1, sha256: sha256(pdf), pages: 3, ownerUnit: { code: 'd01' } });
    expect(detail.versions).toEqual([expect.objectContaining({ version: 1, reason: 'upload', sha256: sha256(pdf), createdBy: expect.objectContaining({ username: 'd01.clerk' }) })]);

    const file = await clerk.get(detail.versions[0]!.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('etag')).toBe(`"${sha256(pdf)}"`);
    expect(file.headers.get('content-length')).toBe(String(pdf.length));
    expect(file.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Báo cáo quý 3.pdf')}`);
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(pdf));

    // On disk: one read-only file named by its hash.
    expect(await filesUnder(storeDir)).toContain(`${sha256(pdf).slice(0, 2)}/${sha256(pdf)}`);
  });

  it('accepts PDFs from other producers with the page count poppler reads', async () => {
    const clerk = await as('d01.clerk');
    const base = await basePdf({ pages: 7 });
    const producers: Record<string, () => Promise<Uint8Array>> = {
      'pdf-lib with object streams': () => basePdf({ pages: 6, objectStreams: true }),
      'qpdf --linearize': () => qpdf(base, '--linearize'),
      'qpdf --object-streams=generate': () => qpdf(base, '--object-streams=generate'),
      'qpdf --force-version=2.0': () => qpdf(base, '--force-version=2.0'),
      'poppler pdftocairo': () => pdftocairo(base),
    };
    if (hasTool('gs')) producers['ghostscript pdfwrite'] = () => ghostscript(base);
    for (const [name, make] of Object.entries(producers)) {
      const pdf = await make();
      const res = await uploadPdf(clerk, '/api/documents', pdf, { filename: `${name}.pdf` });
      expect(res.status, name).toBe(201);
      const stored = (await res.json()) as DocumentStored;
      expect(stored.pages, name).toBe(await pdfPageCount(pdf));
      expect(stored.sha256, name).toBe(sha256(pdf));
    }
  });

  it('answers Range requests (206, 416) and If-None-Match (304)', async () => {
    const clerk = await as('d01.clerk');
    const pdf = await basePdf({ pages: 2 });
    const { id } = (await (await uploadPdf(clerk, '/api/documents', pdf)).json()) as DocumentStored;
    const url = `/api/documents/${id}/versions/1/file`;
    const get = (headers: Record<string, string>) => clerk.request('GET', url, undefined, headers);
    const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());
    const size = pdf.length;

    const first = await get({ range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-99/${size}`);
    expect(first.headers.get('content-length')).toBe('100');
    expect(await bytes(first)).toEqual(Buffer.from(pdf.subarray(0, 100)));

    const tail = await get({ range: 'bytes=-50' });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 50}-${size - 1}/${size}`);
    expect(await bytes(tail)).toEqual(Buffer.from(pdf.subarray(size - 50)));

    const rest = await get({ range: `bytes=${size - 10}-` });
    expect(rest.status).toBe(206);
    expect(await bytes(rest)).toEqual(Buffer.from(pdf.subarray(size - 10)));

    // Past the end: 416 with the size.
    const outside = await get({ range: `bytes=${size}-` });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${size}`);
    expect(await outside.json()).toMatchObject({ code: 'document.range_not_satisfiable' });

    // Several ranges, or an If-Range for other bytes: the whole file.
    expect((await get({ range: 'bytes=0-1,5-6' })).status).toBe(200);
    expect((await get({ range: 'bytes=0-1', 'if-range': '"other"' })).status).toBe(200);
    expect((await get({ range: 'bytes=0-1', 'if-range': `"${sha256(pdf)}"` })).status).toBe(206);

    const cached = await get({ 'if-none-match': `"${sha256(pdf)}"` });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(`"${sha256(pdf)}"`);
    expect((await get({ 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('refuses encrypted, truncated, oversized and non-PDF files with their codes and keeps nothing', async () => {
    const clerk = await as('d01.clerk');
    const pdf = await basePdf({ pages: 2 });
    const encrypted = await qpdf(pdf, '--encrypt', 'user', 'owner', '256', '--');
    // A PDF larger than the limit: the 2-page file padded with a comment (still a PDF).
    const big = new Uint8Array(Buffer.concat([Buffer.from(pdf), Buffer.from(`%${'x'.repeat(300 * 1024)}\n`)]));
    // Far larger than the limit: refused from Content-Length, without reading the body.
    const huge = new Uint8Array(3 * 1024 * 1024).fill(0x41);
    const cases: [string, Uint8Array, number, string][] = [
      ['encrypted', encrypted, 422, 'pdf.encrypted'],
      ['truncated', pdf.subarray(0, Math.floor(pdf.length / 2)), 422, 'pdf.malformed'],
      ['oversized', big, 413, 'document.too_large'],
      ['far oversized', huge, 413, 'document.too_large'],
      ['not a PDF', new TextEncoder().encode('Biên bản họp, không phải PDF\n'.repeat(20)), 415, 'document.not_pdf'],
      ['empty', new Uint8Array(0), 415, 'document.not_pdf'],
    ];
    const rowsBefore = await storeRowCounts(t.server.database.db);
    const filesBefore = await filesUnder(storeDir);
    for (const [name, bytes, status, code] of cases) {
      const res = await uploadPdf(clerk, '/api/documents', bytes);
      expect(res.status, name).toBe(status);
      expect(res.headers.get('content-type'), name).toContain('application/problem+json');
      expect(await res.json(), name).toMatchObject({ code });
    }
    expect(await storeRowCounts(t.server.database.db)).toEqual(rowsBefore);
    expect(await filesUnder(storeDir)).toEqual(filesBefore);
    expect(filesBefore.filter((f) => f.startsWith('tmp/'))).toEqual([]);
  });

  it('refuses a request without the file field, and bad fields, leaving nothing', async () => {
    const clerk = await as('d01.clerk');
    const pdf = await basePdf({ pages: 1 });
    const filesBefore = await filesUnder(storeDir);
    const wrongField = await uploadPdf(clerk, '/api/documents', pdf, { fieldName: 'attachment' });
    expect(await wrongField.json()).toMatchObject({ status: 400, code: 'document.upload_invalid' });
    const json = await clerk.post('/api/documents', { title: 'x' });
    expect(await json.json()).toMatchObject({ status: 400, code: 'document.upload_invalid' });
    const badTitle = await uploadPdf(clerk, '/api/documents', pdf, { fields: { title: ' ' } });
    expect(await badTitle.json()).toMatchObject({ status: 400, code: 'validation_failed', errors: [expect.objectContaining({ field: 'body.title' })] });
    expect(await filesUnder(storeDir)).toEqual(filesBefore);
  });

  /** A multipart body of unannounced length (chunked): the file part's header, then `chunk()` until stopped. */
  const endlessUpload = (boundary: string, chunk: (n: number) => Uint8Array | 'stop', pauseMs = 0) => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(c) {
        const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`;
        const next = pulled === 0 ? new TextEncoder().encode(head) : chunk(pulled);
        // A cap, so a server that reads forever fails the test instead of hanging it.
        if (next === 'stop' || pulled > 256 * 1024 * 1024) return c.error(new Error('the client went away'));
        pulled += next.length;
        c.enqueue(next);
        await new Promise((r) => (pauseMs > 0 ? setTimeout(r, pauseMs) : setImmediate(r)));
      },
    });
    return { stream, pulled: () => pulled };
  };

  it('leaves no temporary file when the client goes away mid-upload', async () => {
    const clerk = await as('d01.clerk');
    const boundary = 'xx-abort-test';
    let midway: string[] = [];
    let stopped = false;
    // 16 KiB every 10 ms: the check below sees the upload under way, well short of the limit.
    const body = endlessUpload(boundary, () => (stopped ? 'stop' : new Uint8Array(16 * 1024).fill(0x25)), 10);
    const upload = fetch(`${t.url}/api/documents`, {
      method: 'POST',
      body: body.stream,
      duplex: 'half',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: clerk.sessionCookie ?? '' },
    } as RequestInit).then(
      () => 'answered',
      () => 'failed',
    );
    // Some of the file has reached the server's temporary file; then the client vanishes.
    while (body.pulled() < 64 * 1024) await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 50 && midway.length === 0; i++) {
      midway = (await filesUnder(storeDir)).filter((f) => f.startsWith('tmp/'));
      if (midway.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    stopped = true;
    expect(midway).toHaveLength(1);
    expect(await upload).toBe('failed');
    for (let i = 0; i < 50 && (await filesUnder(storeDir)).some((f) => f.startsWith('tmp/')); i++) await new Promise((r) => setTimeout(r, 100));
    expect((await filesUnder(storeDir)).filter((f) => f.startsWith('tmp/'))).toEqual([]);
  });

  it('stops reading an oversized upload of undeclared length, which may never end', async () => {
    const clerk = await as('d01.clerk');
    // A raw socket, so what the server does is seen directly: fetch clients differ in whether
    // they read an early answer, and some keep draining their body after the connection broke.
    const { port } = new URL(t.url);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    const boundary = 'xx-endless-test';
    socket.write(
      `POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${clerk.sessionCookie}\r\nTransfer-Encoding: chunked\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\n\r\n`,
    );
    const chunk = (data: string | Buffer) => socket.write(Buffer.concat([Buffer.from(`${Buffer.byteLength(data).toString(16)}\r\n`), Buffer.from(data), Buffer.from('\r\n')]));
    chunk(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
    let answer = '';
    let closed = false;
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => {}); // EPIPE / ECONNRESET once the server has closed: expected
    socket.on('close', () => (closed = true));
    // Send without end, as fast as the server takes it, until it closes the connection (or 256 MiB).
    let written = 0;
    const filler = Buffer.alloc(64 * 1024, 0x25);
    while (!closed && written < 256 * 1024 * 1024) {
      if (!chunk(filler)) await new Promise<void>((r) => (['drain', 'close', 'error'] as const).forEach((e) => socket.once(e, () => r())));
      written += filler.length;
    }
    for (let i = 0; i < 50 && !closed; i++) await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(true);
    expect(written).toBeLessThan(64 * 1024 * 1024);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"document.too_large"');
    expect((await filesUnder(storeDir)).filter((f) => f.startsWith('tmp/'))).toEqual([]);
    expect((await clerk.get('/api/me')).status).toBe(200);
  });

  it('keeps one blob for the same bytes uploaded at the same time', async () => {
    const clerk = await as('d01.clerk');
    const pdf = await basePdf({ pages: 4, title: 'concurrent' });
    const results = await Promise.all(Array.from({ length: 4 }, () => uploadPdf(clerk, '/api/documents', pdf)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const stored = (await Promise.all(results.map((r) => r.json()))) as DocumentStored[];
    expect(new Set(stored.map((s) => s.id)).size).toBe(4);
    expect(new Set(stored.map((s) => s.sha256))).toEqual(new Set([sha256(pdf)]));
    expect((await filesUnder(storeDir)).filter((f) => f.endsWith(sha256(pdf)))).toHaveLength(1);
    for (const s of stored) {
      const file = await clerk.get(`/api/documents/${s.id}/versions/1/file`);
      expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(pdf));
    }
  });

  it('lets the uploader and the managers of the unit and units above read it; nobody else', async () => {
    const clerk = await as('d01.clerk');
    const { id } = (await (await uploadPdf(clerk, '/api/documents', await basePdf())).json()) as DocumentStored;
    for (const username of ['d01.clerk', 'd01.leader', 'city.clerk', 'city.leader']) {
      const c = await as(username);
      expect((await c.get(`/api/documents/${id}`)).status, username).toBe(200);
      expect((await c.get(`/api/documents/${id}/versions/1/file`)).status, username).toBe(200);
    }
    for (const username of ['d02.clerk', 'd02.leader', 'd01.member', 'city.member', 'c0101.member']) {
      const c = await as(username);
      const res = await c.get(`/api/documents/${id}`);
      expect(res.status, username).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'document.forbidden' });
      expect((await c.get(`/api/documents/${id}/versions/1/file`)).status, username).toBe(403);
    }
    const member = await as('d01.member');
    const refused = await uploadPdf(member, '/api/documents', await basePdf());
    expect(await refused.json()).toMatchObject({ status: 403, code: 'auth.forbidden_role' });
    expect((await clerk.get(`/api/documents/${id}/versions/2/file`)).status).toBe(404);
    expect((await clerk.get('/api/documents/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await new ApiClient(t.url).get(`/api/documents/${id}`)).status).toBe(401);
  });
});
