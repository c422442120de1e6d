// Uploading PDFs as a browser does (multipart/form-data through fetch), and looking at what the
// documents store left on disk and in the database.
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Db } from '../../src/db/index.ts';
import { documentBlobs, documents, documentVersions } from '../../src/documents/documents.table.ts';
import type { ApiClient } from './client.ts';

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** POSTs `bytes` as the multipart field `file` (named `filename`), with extra text fields. */
export async function uploadPdf(
  client: ApiClient,
  path: string,
  bytes: Uint8Array,
  opts: { filename?: string; fields?: Record<string, string>; fieldName?: string } = {},
): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(opts.fields ?? {})) form.append(k, v);
  form.append(opts.fieldName ?? 'file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), opts.filename ?? 'tai-lieu.pdf');
  const res = await fetch(client.baseUrl + path, {
    method: 'POST',
    body: form,
    headers: { 'accept-language': client.lang, ...(client.sessionCookie ? { cookie: client.sessionCookie } : {}) },
  });
  return res;
}

/** Every file (not directory) under `dir`, relative, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** Rows of the documents store's three tables. */
export async function storeRowCounts(db: Db): Promise<{ blobs: number; documents: number; versions: number }> {
  const count = async (table: typeof documentBlobs | typeof documents | typeof documentVersions) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;
  return { blobs: await count(documentBlobs), documents: await count(documents), versions: await count(documentVersions) };
}

/**
 * A valid PDF of `pages` pages and about `megabytes` MiB: the bulk is one stream of random bytes
 * (incompressible, like scanned pages), registered but unused.
 */
export async function bulkyPdf(pages: number, megabytes: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Trang ${i + 1}`, { x: 50, y: 780, font, size: 18 });
  doc.context.register(doc.context.stream(randomBytes(Math.floor(megabytes * 1024 * 1024))));
  return doc.save({ useObjectStreams: false });
}
