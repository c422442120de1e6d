// A meeting's agenda and documents through the HTTP API (and its pushes), on both databases:
// items added, edited, reordered and removed before the meeting; PDFs attached to the meeting or
// an item, replaced by new versions that a watching tablet hears about; the manifest's URLs
// serving exactly the stored bytes; refusals that leave nothing; and a commune outside the
// invited subtree refused everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { AgendaView, Manifest } from '../../src/contract/agenda.ts';
import type { DocumentStored } from '../../src/contract/documents.ts';
import { meetings } from '../../src/meetings/meetings.table.ts';
import { meetingDocuments } from '../../src/agenda/agenda.table.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { filesUnder, sha256, storeRowCounts, uploadPdf } from '../helpers/documents.ts';
import { createCityMeeting, demoDirectory } from '../helpers/meetings.ts';
import { basePdf } from '../helpers/pdf-fixtures.ts';
import { qpdf } from '../helpers/pdf-tools.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { SignallingClient } from '../helpers/signalling-client.ts';

describe(`agenda and meeting documents (${databaseKind})`, () => {
  let t: TestServer;
  let clerk: ApiClient;
  const as = async (username: string) => {
    const c = new ApiClient(t.url, 'en');
    expect((await c.login(username, DEMO_PASSWORD)).status).toBe(200);
    return c;
  };
  /** A city meeting for district d01 and all its communes, chaired by city.leader. */
  const newMeeting = () => createCityMeeting(t.url, { invite: ['d01'], includeSubunits: true });
  const setStatus = (id: string, status: 'live' | 'ended') => t.server.database.db.update(meetings).set({ status }).where(eq(meetings.id, id));
  const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

  beforeAll(async () => {
    // Many logins of the demo clerk (demoDirectory) within a minute: above the default rate limit.
    t = await startTestServer({ DOCUMENT_MAX_MB: '0.25', LOGIN_RATE_LIMIT_PER_MINUTE: '100' });
    clerk = await as('city.clerk');
  });
  afterAll(() => t?.close());

  it('builds an agenda with documents; the manifest serves exactly the stored bytes', async () => {
    const id = await newMeeting();
    const dir = await demoDirectory(t.url);
    const presenterId = await dir.user('d01.leader');
    const first = await clerk.post(`/api/meetings/${id}/agenda`, { title: 'Báo cáo tình hình kinh tế - xã hội quý III', presenterId, minutes: 20 });
    expect(first.status).toBe(201);
    const item1 = ((await first.json()) as { id: string }).id;
    const second = await clerk.post(`/api/meetings/${id}/agenda`, { title: 'Kế hoạch chuyển đổi số năm 2026' });
    const item2 = ((await second.json()) as { id: string }).id;

    const report = await basePdf({ pages: 12, title: 'report' });
    const plan = await basePdf({ pages: 3, title: 'plan' });
    const up1 = await uploadPdf(clerk, `/api/meetings/${id}/documents`, report, { filename: 'Báo cáo quý III.pdf', fields: { agendaItemId: item1 } });
    expect(up1.status).toBe(201);
    const doc1 = (await up1.json()) as DocumentStored;
    expect(doc1).toEqual({ id: expect.any(String), version: 1, sha256: sha256(report), size: report.length, pages: 12 });
    const doc2 = (await (await uploadPdf(clerk, `/api/meetings/${id}/documents`, plan, { fields: { title: 'Giấy mời' } })).json()) as DocumentStored;

    const agenda = await clerk.json<AgendaView>(`/api/meetings/${id}/agenda`);
    expect(agenda).toMatchObject({ canEditItems: true, canEditDocuments: true, canSetCurrent: false, currentItemId: null });
    expect(agenda.items.map((i) => [i.position, i.title, i.minutes])).toEqual([
      [1, 'Báo cáo tình hình kinh tế - xã hội quý III', 20],
      [2, 'Kế hoạch chuyển đổi số năm 2026', null],
    ]);
    expect(agenda.items[0]?.presenter).toMatchObject({ username: 'd01.leader' });
    expect(agenda.items[0]?.documents).toEqual([expect.objectContaining({ id: doc1.id, title: 'Báo cáo quý III', pages: 12, agendaItemId: item1 })]);
    expect(agenda.items[1]?.documents).toEqual([]);
    expect(agenda.documents).toEqual([expect.objectContaining({ id: doc2.id, title: 'Giấy mời', agendaItemId: null })]);

    // An invited commune member reads the manifest and downloads every file, byte for byte.
    const member = await as('c0101.member');
    const manifest = await member.json<Manifest>(`/api/meetings/${id}/manifest`);
    expect(manifest.documents.map((d) => d.id)).toEqual([doc2.id, doc1.id]);
    for (const entry of manifest.documents) {
      const res = await member.get(entry.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe(`"${entry.sha256}"`);
      const body = await bytesOf(res);
      expect(body.length).toBe(entry.size);
      expect(sha256(body)).toBe(entry.sha256);
    }
    expect(manifest.documents.find((d) => d.id === doc1.id)).toMatchObject({ sha256: sha256(report), size: report.length, version: 1 });
    const ranged = await member.request('GET', manifest.documents[0]!.url, undefined, { range: 'bytes=0-7' });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await bytesOf(ranged)).toString('latin1')).toBe('%PDF-1.7');
    expect((await member.request('GET', manifest.documents[0]!.url, undefined, { 'if-none-match': `"${manifest.documents[0]!.sha256}"` })).status).toBe(304);

    // The member sees it read-only; the documents store lets them read it as a meeting document too.
    expect(await member.json<AgendaView>(`/api/meetings/${id}/agenda`)).toMatchObject({ canEditItems: false, canEditDocuments: false });
    expect((await member.get(`/api/documents/${doc1.id}`)).status).toBe(200);
    expect(item2).toBeTruthy();
  });

  it('edits, reorders and removes items before the meeting; a removed item takes its documents out', async () => {
    const id = await newMeeting();
    const ids: string[] = [];
    for (const title of ['Một', 'Hai', 'Ba']) ids.push(((await (await clerk.post(`/api/meetings/${id}/agenda`, { title })).json()) as { id: string }).id);
    const [a, b, c] = ids as [string, string, string];
    const doc = (await (await uploadPdf(clerk, `/api/meetings/${id}/documents`, await basePdf(), { fields: { agendaItemId: a } })).json()) as DocumentStored;

    const edited = await clerk.request('PATCH', `/api/meetings/${id}/agenda/${b}`, { title: 'Hai (sửa)', minutes: 15 });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as AgendaView).items[1]).toMatchObject({ title: 'Hai (sửa)', minutes: 15 });
    const cleared = (await (await clerk.request('PATCH', `/api/meetings/${id}/agenda/${b}`, { minutes: null })).json()) as AgendaView;
    expect(cleared.items[1]).toMatchObject({ title: 'Hai (sửa)', minutes: null });

    const reordered = (await (await clerk.post(`/api/meetings/${id}/agenda/order`, { itemIds: [c, a, b] })).json()) as AgendaView;
    expect(reordered.items.map((i) => [i.id, i.position])).toEqual([[c, 1], [a, 2], [b, 3]]);
    for (const itemIds of [[c, a], [c, a, b, b], [c, a, '00000000-0000-4000-8000-000000000000']]) {
      const bad = await clerk.post(`/api/meetings/${id}/agenda/order`, { itemIds });
      expect(await bad.json()).toMatchObject({ status: 400, code: 'agenda.invalid_order' });
    }

    const removed = (await (await clerk.request('DELETE', `/api/meetings/${id}/agenda/${a}`)).json()) as AgendaView;
    expect(removed.items.map((i) => [i.id, i.position])).toEqual([[c, 1], [b, 2]]);
    expect((await clerk.json<Manifest>(`/api/meetings/${id}/manifest`)).documents.map((d) => d.id)).not.toContain(doc.id);
    // The store keeps the document itself.
    expect((await clerk.get(`/api/documents/${doc.id}`)).status).toBe(200);

    const missing = await clerk.request('PATCH', `/api/meetings/${id}/agenda/${a}`, { title: 'x' });
    expect(await missing.json()).toMatchObject({ status: 404, code: 'agenda.item_not_found' });
    const badPresenter = await clerk.post(`/api/meetings/${id}/agenda`, { title: 'Người trình bày lạ', presenterId: '00000000-0000-4000-8000-000000000000' });
    expect(await badPresenter.json()).toMatchObject({ status: 400, code: 'agenda.invalid_presenter' });
    const invalid = await clerk.post(`/api/meetings/${id}/agenda`, { title: '', minutes: 0 });
    expect(await invalid.json()).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('replaces a document with a new version and tells the watching tablets', async () => {
    const id = await newMeeting();
    const v1 = await basePdf({ pages: 2, title: 'v1' });
    const v2 = await basePdf({ pages: 5, title: 'v2' });
    const doc = (await (await uploadPdf(clerk, `/api/meetings/${id}/documents`, v1)).json()) as DocumentStored;

    const tablet = await SignallingClient.connect(t.url, 'c0101.member', DEMO_PASSWORD);
    try {
      await tablet.ok('watchMeeting', { meetingId: id });
      const res = await uploadPdf(clerk, `/api/meetings/${id}/documents/${doc.id}/versions`, v2);
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id: doc.id, version: 2, sha256: sha256(v2), size: v2.length, pages: 5 });

      const pushed = await tablet.next('documentVersionAdded', (d) => d.document.id === doc.id);
      expect(pushed).toEqual({ meetingId: id, document: expect.objectContaining({ id: doc.id, version: 2, sha256: sha256(v2), pages: 5 }) });
      const updated = await tablet.next('agendaUpdated', (a) => a.documents.some((d) => d.version === 2));
      expect(updated.meetingId).toBe(id);

      const manifest = await clerk.json<Manifest>(`/api/meetings/${id}/manifest`);
      expect(manifest.documents).toEqual([expect.objectContaining({ id: doc.id, version: 2, sha256: sha256(v2) })]);
      expect(sha256(await bytesOf(await clerk.get(manifest.documents[0]!.url)))).toBe(sha256(v2));
      // The first version stays as it was, at its own address.
      expect(sha256(await bytesOf(await clerk.get(`/api/meetings/${id}/documents/${doc.id}/versions/1/file`)))).toBe(sha256(v1));
      const detail = await clerk.json<{ versions: { version: number; reason: string }[] }>(`/api/documents/${doc.id}`);
      expect(detail.versions.map((v) => [v.version, v.reason])).toEqual([[1, 'upload'], [2, 'replace']]);
    } finally {
      tablet.close();
    }
  });

  it('refuses bad files on the meeting route with their codes and keeps nothing', async () => {
    const id = await newMeeting();
    const item = ((await (await clerk.post(`/api/meetings/${id}/agenda`, { title: 'Nội dung' })).json()) as { id: string }).id;
    const other = await newMeeting();
    const foreignItem = ((await (await clerk.post(`/api/meetings/${other}/agenda`, { title: 'Cuộc họp khác' })).json()) as { id: string }).id;
    const pdf = await basePdf({ pages: 2 });
    // Every file under DATA_DIR but the embedded database's own (which changes as it writes).
    const dataFiles = async () => (await filesUnder(t.config.dataDir)).filter((f) => !f.startsWith('pglite/'));
    const rowsBefore = await storeRowCounts(t.server.database.db);
    const filesBefore = await dataFiles();
    const cases: [string, Uint8Array, Record<string, string>, number, string][] = [
      ['encrypted', await qpdf(pdf, '--encrypt', 'u', 'o', '256', '--'), {}, 422, 'pdf.encrypted'],
      ['truncated', pdf.subarray(0, pdf.length - 300), {}, 422, 'pdf.malformed'],
      ['oversized', new Uint8Array(Buffer.concat([Buffer.from(pdf), Buffer.alloc(300 * 1024, 0x25)])), {}, 413, 'document.too_large'],
      ['far oversized', new Uint8Array(3 * 1024 * 1024).fill(0x41), {}, 413, 'document.too_large'],
      ['not a PDF', new TextEncoder().encode('<html>not a pdf</html>'), {}, 415, 'document.not_pdf'],
      ['item of another meeting', pdf, { agendaItemId: foreignItem }, 404, 'agenda.item_not_found'],
      ['bad item id', pdf, { agendaItemId: 'nope' }, 400, 'validation_failed'],
    ];
    for (const [name, bytes, fields, status, code] of cases) {
      const res = await uploadPdf(clerk, `/api/meetings/${id}/documents`, bytes, { fields: { ...fields } });
      expect(res.status, name).toBe(status);
      expect(await res.json(), name).toMatchObject({ code });
    }
    expect(await storeRowCounts(t.server.database.db)).toEqual(rowsBefore);
    expect(await dataFiles()).toEqual(filesBefore);
    expect(filesBefore.filter((f) => f.startsWith('documents/tmp/'))).toEqual([]);
    expect(await t.server.database.db.select().from(meetingDocuments).where(eq(meetingDocuments.meetingId, id))).toEqual([]);
    expect(item).toBeTruthy();
  });

  it('refuses a district outside the invited subtree on every agenda, manifest, document and file route', async () => {
    const id = await newMeeting();
    const item = ((await (await clerk.post(`/api/meetings/${id}/agenda`, { title: 'Nội dung' })).json()) as { id: string }).id;
    const doc = (await (await uploadPdf(clerk, `/api/meetings/${id}/documents`, await basePdf())).json()) as DocumentStored;
    const file = `/api/meetings/${id}/documents/${doc.id}/versions/1/file`;
    // District d02 (and its communes) is not invited.
    for (const username of ['d02.member', 'd02.clerk']) {
      const c = await as(username);
      const attempts: [string, Promise<Response>][] = [
        ['agenda', c.get(`/api/meetings/${id}/agenda`)],
        ['add item', c.post(`/api/meetings/${id}/agenda`, { title: 'x' })],
        ['edit item', c.request('PATCH', `/api/meetings/${id}/agenda/${item}`, { title: 'x' })],
        ['remove item', c.request('DELETE', `/api/meetings/${id}/agenda/${item}`)],
        ['reorder', c.post(`/api/meetings/${id}/agenda/order`, { itemIds: [item] })],
        ['current item', c.post(`/api/meetings/${id}/agenda/current`, { itemId: item })],
        ['manifest', c.get(`/api/meetings/${id}/manifest`)],
        ['upload', uploadPdf(c, `/api/meetings/${id}/documents`, await basePdf())],
        ['replace', uploadPdf(c, `/api/meetings/${id}/documents/${doc.id}/versions`, await basePdf())],
        ['remove document', c.request('DELETE', `/api/meetings/${id}/documents/${doc.id}`)],
        ['file', c.get(file)],
        ['document', c.get(`/api/documents/${doc.id}`)],
        ['document file', c.get(`/api/documents/${doc.id}/versions/1/file`)],
      ];
      for (const [what, pending] of attempts) {
        const res = await pending;
        expect([403, 404], `${username} ${what}`).toContain(res.status);
      }
    }
    const anonymous = new ApiClient(t.url);
    expect((await anonymous.get(`/api/meetings/${id}/manifest`)).status).toBe(401);
    expect((await anonymous.get(file)).status).toBe(401);

    // Invited but not a manager: reads, cannot change.
    for (const username of ['c0101.member', 'd01.clerk']) {
      const c = await as(username);
      expect((await c.get(file)).status, username).toBe(200);
      const add = await c.post(`/api/meetings/${id}/agenda`, { title: 'x' });
      expect(await add.json(), username).toMatchObject({ status: 403, code: 'agenda.not_manager' });
      const up = await uploadPdf(c, `/api/meetings/${id}/documents`, await basePdf());
      expect(await up.json(), username).toMatchObject({ status: 403, code: 'agenda.not_manager' });
    }
    // The meeting's secretary (a member of the organising unit) prepares its papers too.
    const withSecretary = await createCityMeeting(t.url, { invite: ['d01'], secretary: 'city.member' });
    const secretary = await as('city.member');
    expect((await secretary.post(`/api/meetings/${withSecretary}/agenda`, { title: 'Thư ký chuẩn bị' })).status).toBe(201);
    expect((await uploadPdf(secretary, `/api/meetings/${withSecretary}/documents`, await basePdf())).status).toBe(201);
    expect(await (await secretary.post(`/api/meetings/${id}/agenda`, { title: 'x' })).json()).toMatchObject({ status: 403, code: 'agenda.not_manager' });
    // A document of another meeting is not served under this one.
    const other = await newMeeting();
    const otherDoc = (await (await uploadPdf(clerk, `/api/meetings/${other}/documents`, await basePdf())).json()) as DocumentStored;
    expect((await clerk.get(`/api/meetings/${id}/documents/${otherDoc.id}/versions/1/file`)).status).toBe(404);
  });

  it('locks items once the meeting is live; documents still change; the chair sets the current item', async () => {
    const id = await newMeeting();
    const item = ((await (await clerk.post(`/api/meetings/${id}/agenda`, { title: 'Nội dung 1' })).json()) as { id: string }).id;
    const chair = await as('city.leader');
    const early = await chair.post(`/api/meetings/${id}/agenda/current`, { itemId: item });
    expect(await early.json()).toMatchObject({ status: 409, code: 'agenda.not_live' });

    await setStatus(id, 'live');
    const add = await clerk.post(`/api/meetings/${id}/agenda`, { title: 'Quá muộn' });
    expect(await add.json()).toMatchObject({ status: 409, code: 'agenda.locked' });
    expect((await clerk.post(`/api/meetings/${id}/agenda/order`, { itemIds: [item] })).status).toBe(409);
    expect((await uploadPdf(clerk, `/api/meetings/${id}/documents`, await basePdf(), { fields: { agendaItemId: item } })).status).toBe(201);

    const notChair = await clerk.post(`/api/meetings/${id}/agenda/current`, { itemId: item });
    expect(await notChair.json()).toMatchObject({ status: 403, code: 'meeting.not_chair' });
    const set = await chair.post(`/api/meetings/${id}/agenda/current`, { itemId: item });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ currentItemId: item, canSetCurrent: true });
    expect((await clerk.json<AgendaView>(`/api/meetings/${id}/agenda`)).currentItemId).toBe(item);

    await setStatus(id, 'ended');
    const late = await uploadPdf(clerk, `/api/meetings/${id}/documents`, await basePdf());
    expect(await late.json()).toMatchObject({ status: 409, code: 'agenda.locked' });
  });
});
