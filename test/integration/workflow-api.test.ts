import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxItem, RouteView, SignResponse, VerificationReportView } from '../../src/contract/workflow.ts';
import { query } from '../helpers/credentials.ts';
import { databaseKind } from '../helpers/database.ts';
import { uploadPdf } from '../helpers/documents.ts';
import { withTempDir } from '../helpers/pdf-tools.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { nssTrusting, pdfsig } from '../helpers/verify-tools.ts';
import { defineRoute, routeOf, SigningUser, uploadLetter } from '../helpers/workflow.ts';

const run = promisify(execFile);

// The signing workflow through the HTTP API exactly as issue 11 states it: a route review →
// personal → seal, each signer with his own PIN and code, and the final file checked by pdfsig
// (trusting only the published anchors), pdftotext and the verification route.

describe(`signing workflow API (${databaseKind})`, () => {
  let t: TestServer;
  let clerk: SigningUser;
  let leader: SigningUser;
  let member: SigningUser;

  beforeAll(async () => {
    t = await startTestServer({ DEV_PKI: 'true' });
    [clerk, leader, member] = await Promise.all([SigningUser.login(t.url, 'd01.clerk'), SigningUser.login(t.url, 'd01.leader'), SigningUser.login(t.url, 'd01.member')]);
    for (const u of [clerk, leader, member]) await u.enrol();
  });
  afterAll(() => t?.close());

  it('runs review → personal → seal; the final PDF has 3 valid signatures, the last covering the whole file, and its number', async () => {
    const id = await uploadLetter(clerk.client);
    const res = await defineRoute(clerk.client, id, [
      { kind: 'review', signers: ['d01.member'] },
      { kind: 'personal', signers: ['d01.leader'] },
      { kind: 'seal', signers: ['d01.clerk'] },
    ]);
    expect(res.status, await res.clone().text()).toBe(201);
    const defined = (await res.json()) as RouteView;
    expect(defined.steps.map((s) => s.status)).toEqual(['active', 'waiting', 'waiting']);
    expect(defined.currentStep).toBe(1);

    // The leader is not yet asked: his inbox is empty, the member's has the document.
    expect((await leader.client.json<{ items: InboxItem[] }>('/api/me/inbox')).items.map((i) => i.documentId)).not.toContain(id);
    const inbox = (await member.client.json<{ items: InboxItem[] }>('/api/me/inbox')).items;
    expect(inbox.find((i) => i.documentId === id)).toMatchObject({ stepKind: 'review', version: 1, overdue: false });

    const early = await leader.sign(id);
    expect(early.status).toBe(403);
    expect((await early.json()).code).toBe('signing.not_your_step');

    const review = await member.sign(id);
    expect(review.status, await review.clone().text()).toBe(200);
    expect(((await review.json()) as SignResponse).version).toBe(2);

    const personal = await leader.sign(id);
    expect(personal.status, await personal.clone().text()).toBe(200);
    expect(((await personal.json()) as SignResponse).version).toBe(3);

    const seal = await clerk.sign(id);
    expect(seal.status, await seal.clone().text()).toBe(200);
    const sealed = (await seal.json()) as SignResponse;
    expect(sealed).toMatchObject({ version: 4, number: expect.stringMatching(/^\d+\/D01$/) });

    const route = await routeOf(clerk.client, id);
    expect(route.status).toBe('done');
    expect(route.steps.map((s) => s.status)).toEqual(['done', 'done', 'done']);
    expect(route.steps[2]?.number).toBe(sealed.number);
    expect(route.steps.flatMap((s) => s.signers.map((x) => [x.user.username, x.status, x.version]))).toEqual([
      ['d01.member', 'signed', 2],
      ['d01.leader', 'signed', 3],
      ['d01.clerk', 'signed', 4],
    ]);

    const file = await clerk.client.get(`/api/documents/${id}/versions/4/file`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const anchors = await (await fetch(`${t.url}/api/pki/trust-anchors`)).text();
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'root.pem'), anchors);
      await writeFile(join(dir, 'signed.pdf'), bytes);
      const entries = await pdfsig(join(dir, 'signed.pdf'), await nssTrusting(dir, join(dir, 'root.pem')), dir);
      expect(entries).toHaveLength(3);
      for (const e of entries) expect(e, e.raw).toMatchObject({ valid: true, trusted: true });
      expect(entries.map((e) => e.totalDocument)).toEqual([false, false, true]);
      const { stdout } = await run('pdftotext', ['-layout', join(dir, 'signed.pdf'), '-']);
      expect(stdout).toContain(`Số: ${sealed.number}`);
    });

    const verification = await clerk.client.json<VerificationReportView>(`/api/documents/${id}/verification`);
    expect(verification.ok).toBe(true);
    expect(verification.signatures).toHaveLength(3);
    expect(verification.signatures.map((s) => s.coversWholeFile)).toEqual([false, false, true]);
    const first = await clerk.client.json<VerificationReportView>(`/api/documents/${id}/verification?version=1`);
    expect(first).toMatchObject({ ok: false, signatures: [] });

    // The facts a court may ask about, in the hash-chained audit log.
    const events = await query<{ action: string; details: { number?: string; sha256?: string; version?: number } }>(
      t.server.database.db,
      sql`select action, details from audit_events where subject_id = ${id} order by seq`,
    );
    expect(events.map((e) => e.action)).toEqual(['route.change', 'document.sign', 'document.sign', 'document.seal', 'document.verify', 'document.verify']);
    expect(events[3]?.details.number).toBe(sealed.number);
    // Each verification records the SHA-256 of the bytes the worker read and verified: the version's.
    const [versionOne] = await query<{ sha256: string }>(t.server.database.db, sql`select sha256 from document_versions where document_id = ${id} and version = 1`);
    expect(events.slice(4).map((e) => [e.details.version, e.details.sha256])).toEqual([
      [4, sealed.sha256],
      [1, versionOne?.sha256],
    ]);
  });

  it('signs and seals an A5 document without rectangles: the default boxes keep to its margins', async () => {
    // The leader's default box was fixed for A4 (x 339 … 539 pt) and refused an A5 page (420 pt wide).
    const a5 = await PDFDocument.create();
    const font = await a5.embedFont(StandardFonts.Helvetica);
    a5.addPage([419.53, 595.28]).drawText('Giay moi hop (A5)', { x: 40, y: 540, size: 12, font });
    const upload = await uploadPdf(clerk.client, '/api/documents', await a5.save(), { filename: 'giay-moi-a5.pdf' });
    expect(upload.status, await upload.clone().text()).toBe(201);
    const { id } = (await upload.json()) as { id: string };
    expect((await defineRoute(clerk.client, id, [{ kind: 'personal', signers: ['d01.leader'] }, { kind: 'seal', signers: ['d01.clerk'] }])).status).toBe(201);

    const personal = await leader.sign(id);
    expect(personal.status, await personal.clone().text()).toBe(200);
    const seal = await clerk.sign(id);
    expect(seal.status, await seal.clone().text()).toBe(200);

    const bytes = new Uint8Array(await (await clerk.client.get(`/api/documents/${id}/versions/3/file`)).arrayBuffer());
    const anchors = await (await fetch(`${t.url}/api/pki/trust-anchors`)).text();
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'root.pem'), anchors);
      await writeFile(join(dir, 'signed.pdf'), bytes);
      const entries = await pdfsig(join(dir, 'signed.pdf'), await nssTrusting(dir, join(dir, 'root.pem')), dir);
      expect(entries).toHaveLength(2);
      for (const e of entries) expect(e, e.raw).toMatchObject({ valid: true, trusted: true });
    });
  });
});
