// The store's API for the capabilities that add versions on the server (the signing workflow,
// the minutes): bytes made in memory become the next version, checked like an upload, and a
// file the signing pool wrote becomes it without a second parse; a version built on a version
// that is no longer current is refused, so of two signers building on the same version exactly
// one succeeds.
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/auth/users.table.ts';
import type { DocumentStored } from '../../src/contract/documents.ts';
import { DocumentStore } from '../../src/documents/index.ts';
import { AppError } from '../../src/errors/index.ts';
import { inspectPdfFile, SigningError } from '../../src/signing/index.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { filesUnder, sha256, storeRowCounts, uploadPdf } from '../helpers/documents.ts';
import { appendClassicUpdate, basePdf, lastTrailer } from '../helpers/pdf-fixtures.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';

describe(`document versions made on the server (${databaseKind})`, () => {
  let t: TestServer;
  let store: DocumentStore;
  let clerk: ApiClient;
  let clerkId: string;

  beforeAll(async () => {
    t = await startTestServer();
    // A second store over the same database and directory, as a capability holding it would use it.
    store = await DocumentStore.open({ db: t.server.database.db, dataDir: t.config.dataDir, maxBytes: t.config.documents.maxBytes, inspect: inspectPdfFile });
    clerk = new ApiClient(t.url, 'en');
    expect((await clerk.login('d01.clerk', DEMO_PASSWORD)).status).toBe(200);
    const [row] = await t.server.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'd01.clerk'));
    clerkId = row?.id ?? '';
  });
  afterAll(() => t?.close());

  /** What a signature does to a file: an incremental update appended to its exact bytes. */
  const appendUpdate = (bytes: Uint8Array, note: string) => {
    const info = Number((lastTrailer(bytes).info as string).split(' ')[0]);
    return appendClassicUpdate(bytes, [[info, `<< /Title (${note}) >>`]]);
  };
  const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (err: unknown) => (err instanceof AppError || err instanceof SigningError ? err.code : String(err)));

  it('adds versions from bytes, refuses one built on a stale version, and serves each', async () => {
    const v1 = await basePdf({ pages: 2 });
    const { id } = (await (await uploadPdf(clerk, '/api/documents', v1)).json()) as DocumentStored;
    const v2 = appendUpdate(v1, 'signed once');
    expect(await store.addVersionBytes(v2, { documentId: id, createdBy: clerkId, reason: 'signature', basedOn: 1 })).toEqual({ id, version: 2, sha256: sha256(v2), size: v2.length, pages: 2 });
    expect(await codeOf(store.addVersionBytes(appendUpdate(v1, 'stale'), { documentId: id, createdBy: clerkId, reason: 'signature', basedOn: 1 }))).toBe('document.version_conflict');

    // Two signers at once, both on version 2: one wins.
    const results = await Promise.all(
      ['first', 'second'].map((who) => codeOf(store.addVersionBytes(appendUpdate(v2, who), { documentId: id, createdBy: clerkId, reason: 'signature', basedOn: 2 }))),
    );
    expect(results.sort()).toEqual(['document.version_conflict', 'ok']);

    const detail = await clerk.json<{ versions: { version: number; reason: string; sha256: string }[] }>(`/api/documents/${id}`);
    expect(detail.versions.map((v) => [v.version, v.reason])).toEqual([[1, 'upload'], [2, 'signature'], [3, 'signature']]);
    const v3 = await store.readVersionBytes(t.server.database.db, id, 3);
    expect(Buffer.from(v3.subarray(0, v2.length)).equals(Buffer.from(v2))).toBe(true);
    expect(sha256(v3)).toBe(detail.versions[2]?.sha256);
    const served = new Uint8Array(await (await clerk.get(`/api/documents/${id}/versions/2/file`)).arrayBuffer());
    expect(sha256(served)).toBe(sha256(v2));
  });

  it('stores a signed revision with the page count of its base and does not parse it again', async () => {
    let inspections = 0;
    const counting = await DocumentStore.open({
      db: t.server.database.db,
      dataDir: t.config.dataDir,
      maxBytes: t.config.documents.maxBytes,
      inspect: (path) => (inspections++, inspectPdfFile(path)),
    });
    const v1 = await basePdf({ pages: 3 });
    const { id } = (await (await uploadPdf(clerk, '/api/documents', v1)).json()) as DocumentStored;
    // As the signing pool's worker does: the file written at the store's temporary path, its facts answered.
    const writing = (bytes: Uint8Array) => async (tempPath: string) => {
      await writeFile(tempPath, bytes, { flag: 'wx', mode: 0o600 });
      return { sha256: sha256(bytes), size: bytes.length };
    };
    const v2 = appendUpdate(v1, 'signed');
    const meta = { documentId: id, createdBy: clerkId, reason: 'signature' as const, basedOn: 1, pages: 3 };
    expect(await counting.addAppendedFile(writing(v2), meta)).toEqual({ id, version: 2, sha256: sha256(v2), size: v2.length, pages: 3 });
    expect(inspections).toBe(0);
    // The same guards as any new version: built on a stale version → refused, nothing kept.
    const rows = await storeRowCounts(t.server.database.db);
    const files = await filesUnder(`${t.config.dataDir}/documents`);
    expect(await codeOf(counting.addAppendedFile(writing(appendUpdate(v1, 'stale')), meta))).toBe('document.version_conflict');
    // A writer that fails half-way: its temporary file is gone too.
    const failing = async (tempPath: string) => {
      await writeFile(tempPath, v2.subarray(0, 100), { flag: 'wx' });
      throw new SigningError('signing.tsa_failed', 'the worker stopped');
    };
    await expect(counting.addAppendedFile(failing, { ...meta, basedOn: 2 })).rejects.toBeInstanceOf(SigningError);
    expect(await storeRowCounts(t.server.database.db)).toEqual(rows);
    expect(await filesUnder(`${t.config.dataDir}/documents`)).toEqual(files);
    expect(sha256(await counting.readVersionBytes(t.server.database.db, id, 2))).toBe(sha256(v2));
  });

  it('checks bytes made on the server like an upload and keeps nothing of a refused one', async () => {
    const { id } = (await (await uploadPdf(clerk, '/api/documents', await basePdf())).json()) as DocumentStored;
    const rows = await storeRowCounts(t.server.database.db);
    const files = await filesUnder(`${t.config.dataDir}/documents`);
    const meta = { documentId: id, createdBy: clerkId, reason: 'signature' as const };
    expect(await codeOf(store.addVersionBytes(new TextEncoder().encode('not a pdf'), meta))).toBe('document.not_pdf');
    expect(await codeOf(store.addVersionBytes((await basePdf()).subarray(0, 300), meta))).toBe('pdf.malformed');
    expect(await codeOf(store.addVersionBytes(await basePdf(), { ...meta, documentId: '00000000-0000-4000-8000-000000000000' }))).toBe('document.not_found');
    expect(await storeRowCounts(t.server.database.db)).toEqual(rows);
    expect(await filesUnder(`${t.config.dataDir}/documents`)).toEqual(files);
  });
});
