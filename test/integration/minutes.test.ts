// The minutes against the real server and database: the secretary is notified when the meeting
// ends; the draft PDF (read back with pdftotext) states attendees, agenda, floor, votes and the
// conclusions with exact Vietnamese text and is regenerated after a change; who may read and
// write; closing stores the final PDF as a document version (reason minutes) with its audit
// event, calls the workflow hook once, and opens the minutes to every invitee.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditEvents } from '../../src/audit/audit-events.table.ts';
import type { Minutes } from '../../src/contract/minutes.ts';
import { DocumentStore } from '../../src/documents/index.ts';
import { documentVersions } from '../../src/documents/documents.table.ts';
import type { FinalMinutes } from '../../src/minutes/index.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { createCityMeeting, demoDirectory } from '../helpers/meetings.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { SignallingClient, signallingClients } from '../helpers/signalling-client.ts';
import type { DocumentRouteExtension } from '../../src/contract/workflow.ts';

const run = promisify(execFile);
const CHAIR = 'city.leader';
const SECRETARY = 'city.member';
const A = 'd01.member';
const B = 'd02.member';

async function pdfText(bytes: Uint8Array): Promise<string> {
  const child = run('pdftotext', ['-enc', 'UTF-8', '-', '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin?.end(Buffer.from(bytes));
  // pdftotext breaks lines where the layout wraps: compare on single spaces.
  return (await child).stdout.replace(/\s+/g, ' ');
}

describe(`minutes (${databaseKind})`, () => {
  let t: TestServer;
  let meetingId: string;
  const finals: FinalMinutes[] = [];
  const ids: Record<string, string> = {};
  const sessions: Record<string, ApiClient> = {};
  const clients = signallingClients(() => t.url);
  const c: Record<string, SignallingClient> = {};
  const db = () => t.server.database.db;

  const as = async (username: string): Promise<ApiClient> => {
    if (!sessions[username]) {
      const client = new ApiClient(t.url);
      const res = await client.login(username, DEMO_PASSWORD);
      if (res.status !== 200) throw new Error(`${username} login → ${res.status}`);
      sessions[username] = client;
    }
    return sessions[username];
  };
  const call = async (username: string, method: string, path: string, body?: unknown) => {
    const res = await (await as(username)).request(method, path, body);
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, body: type.includes('json') ? ((await res.json()) as Record<string, unknown>) : new Uint8Array(await res.arrayBuffer()) };
  };
  const minutes = async (username: string) => (await call(username, 'GET', `/api/meetings/${meetingId}/minutes`)).body as unknown as Minutes;
  const file = async (username: string) => {
    const res = await call(username, 'GET', `/api/meetings/${meetingId}/minutes/file`);
    expect(res.status, `${username} reads the PDF`).toBe(200);
    expect(res.type).toBe('application/pdf');
    return res.body as Uint8Array;
  };
  const put = (username: string, conclusions: string) => call(username, 'PUT', `/api/meetings/${meetingId}/minutes`, { conclusions });

  beforeAll(async () => {
    t = await startTestServer({}, { onFinalMinutes: async (input) => void finals.push(input) });
    meetingId = await createCityMeeting(t.url, { invite: ['d01', 'd02', 'd03'], secretary: SECRETARY, title: 'Giao ban kinh tế – xã hội tháng Mười Hai' });
    const dir = await demoDirectory(t.url);
    for (const u of [CHAIR, SECRETARY, A, B, 'city.clerk']) ids[u] = await dir.user(u);
    const clerk = await as('city.clerk');
    for (const [title, presenter] of [
      ['Báo cáo tình hình thực hiện nhiệm vụ quý IV', A],
      ['Kế hoạch chuyển đổi số năm 2027', B],
    ] as const) {
      const res = await clerk.post(`/api/meetings/${meetingId}/agenda`, { title, presenterId: ids[presenter], minutes: 15 });
      expect(res.status).toBe(201);
    }
    for (const u of [SECRETARY, CHAIR, A, B]) c[u] = await clients.connect(u);
    for (const u of [CHAIR, A, B]) await (c[u] as SignallingClient).joinMeeting(meetingId);
  });
  afterAll(async () => {
    clients.closeAll();
    await t?.close();
  });

  it('has no minutes before the meeting ends', async () => {
    expect(await minutes(SECRETARY)).toEqual({ status: 'none', conclusions: '', itemConclusions: {}, documentId: null, version: null, updatedAt: null });
    expect(await put(SECRETARY, 'Sớm quá')).toMatchObject({ status: 409, body: { code: 'minutes.not_ended' } });
    expect((await call(SECRETARY, 'GET', `/api/meetings/${meetingId}/minutes/file`)).body).toMatchObject({ code: 'minutes.not_ended' });
  });

  it('tells the secretary when the meeting ends, and drafts minutes stating what happened', async () => {
    const chair = c[CHAIR] as SignallingClient;
    await (c[A] as SignallingClient).ok('raiseHand', { meetingId });
    await chair.ok('grantFloor', { meetingId });
    await chair.ok('revokeFloor', { meetingId });
    const agenda = await (await as('city.clerk')).json<{ items: Array<{ id: string }> }>(`/api/meetings/${meetingId}/agenda`);
    const vote = await chair.ok('openVote', { meetingId, agendaItemId: agenda.items[0]?.id, question: 'Thông qua báo cáo quý IV?', mode: 'open', eligibility: 'person' });
    await (c[A] as SignallingClient).ok('castBallot', { voteId: vote.id, choice: 'yes' });
    await (c[B] as SignallingClient).ok('castBallot', { voteId: vote.id, choice: 'no' });
    await chair.ok('castBallot', { voteId: vote.id, choice: 'yes' });
    await chair.ok('closeVote', { voteId: vote.id });

    expect((await call(CHAIR, 'POST', `/api/meetings/${meetingId}/end`)).status).toBe(200);
    const notice = await (c[SECRETARY] as SignallingClient).next('notification', (n) => n.meetingId === meetingId && n.kind === 'minutes.draft_ready');
    expect(notice.payload).toMatchObject({ title: 'Giao ban kinh tế – xã hội tháng Mười Hai' });
    // Stored too: the secretary offline at the time finds it in the list.
    expect((await (await as(SECRETARY)).json<{ items: Array<{ kind: string }> }>('/api/notifications')).items.map((n) => n.kind)).toContain('minutes.draft_ready');

    expect(await minutes(SECRETARY)).toMatchObject({ status: 'draft', conclusions: '', documentId: null });
    const text = await pdfText(await file(SECRETARY));
    for (const expected of [
      'UBND THÀNH PHỐ HÀ NỘI',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày',
      'BIÊN BẢN',
      'Giao ban kinh tế – xã hội tháng Mười Hai',
      'Chủ tọa: Trần Văn Quang – Chủ tịch UBND Thành phố',
      'Thư ký: Lê Minh Đức – Phó Chánh Văn phòng UBND Thành phố',
      // attendees with their units
      'Vũ Thị Hồng',
      'Đỗ Văn Thành',
      'Quận Ba Đình',
      '2/3 điểm cầu',
      'vắng mặt (1)',
      'Tây Hồ',
      // agenda in order, with presenters
      '1. Báo cáo tình hình thực hiện nhiệm vụ quý IV (trình bày: Vũ Thị Hồng',
      '2. Kế hoạch chuyển đổi số năm 2027 (trình bày: Đỗ Văn Thành',
      'Phát biểu tại cuộc họp (1 lượt)',
      // the vote, its counts and who chose what
      'Thông qua báo cáo quý IV?',
      'biểu quyết công khai',
      'Số phiếu: 3/3. Tán thành: 2; Không tán thành: 1; Không biểu quyết: 0.',
      'Không tán thành: Đỗ Văn Thành',
      'THƯ KÝ',
      'CHỦ TỌA',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('refuses the minutes to invitees and outsiders while a draft, and the conclusions to anyone but those preparing it', async () => {
    expect((await call(A, 'GET', `/api/meetings/${meetingId}/minutes`)).body).toMatchObject({ code: 'minutes.forbidden' });
    expect(await call(A, 'GET', `/api/meetings/${meetingId}/minutes/file`)).toMatchObject({ status: 403, body: { code: 'minutes.forbidden' } });
    expect(await put(A, 'Không được')).toMatchObject({ status: 403, body: { code: 'minutes.not_editor' } });
    // A commune not invited (its district was, without subunits), and an invited district's clerk.
    for (const outsider of ['c0101.member', 'd02.clerk']) {
      expect((await call(outsider, 'GET', `/api/meetings/${meetingId}/minutes`)).status, outsider).toBe(403);
      expect((await call(outsider, 'GET', `/api/meetings/${meetingId}/minutes/file`)).status, outsider).toBe(403);
      expect((await put(outsider, 'x')).status, outsider).toBe(403);
    }
    // The organising unit's clerk reads the draft, and may write the conclusions too.
    expect(await minutes('city.clerk')).toMatchObject({ status: 'draft' });
    expect(await put('city.clerk', 'Dự thảo kết luận của Văn phòng.')).toMatchObject({ status: 200, body: { conclusions: 'Dự thảo kết luận của Văn phòng.' } });
  });

  it('regenerates the draft from the conclusions saved since the last read', async () => {
    const conclusions = 'Thống nhất thông qua báo cáo quý IV.\nGiao Sở Thông tin và Truyền thông chủ trì kế hoạch chuyển đổi số; hoàn thành trước ngày 15/01/2027.';
    const saved = await put(SECRETARY, conclusions);
    expect(saved).toMatchObject({ status: 200, body: { status: 'draft', conclusions } });
    expect(await minutes(CHAIR)).toMatchObject({ conclusions });
    const text = await pdfText(await file(CHAIR));
    expect(text).toContain('Thống nhất thông qua báo cáo quý IV.');
    expect(text).toContain('Giao Sở Thông tin và Truyền thông chủ trì kế hoạch chuyển đổi số; hoàn thành trước ngày 15/01/2027.');
    expect(text).not.toContain('Thư ký chưa ghi kết luận');

    // Conclusions of a single agenda item, printed under it; only the meeting's own items.
    const agenda = await (await as('city.clerk')).json<{ items: Array<{ id: string }> }>(`/api/meetings/${meetingId}/agenda`);
    const item = agenda.items[1]?.id ?? '';
    const stray = '00000000-0000-4000-8000-000000000000';
    expect(await call(SECRETARY, 'PUT', `/api/meetings/${meetingId}/minutes`, { conclusions, itemConclusions: { [stray]: 'Không có' } })).toMatchObject({
      status: 400,
      body: { code: 'minutes.unknown_item', itemIds: [stray] },
    });
    const withItem = await call(SECRETARY, 'PUT', `/api/meetings/${meetingId}/minutes`, { conclusions, itemConclusions: { [item]: 'Giao Sở Tài chính cân đối kinh phí.' } });
    expect(withItem).toMatchObject({ status: 200, body: { itemConclusions: { [item]: 'Giao Sở Tài chính cân đối kinh phí.' } } });
    // A PUT of the conclusions alone keeps the items'.
    expect((await put(SECRETARY, conclusions)).body).toMatchObject({ itemConclusions: { [item]: 'Giao Sở Tài chính cân đối kinh phí.' } });
    expect(await pdfText(await file(SECRETARY))).toContain('2. Kế hoạch chuyển đổi số năm 2027 (trình bày: Đỗ Văn Thành – Trưởng phòng Tài chính Quận Hoàn Kiếm). Kết luận: Giao Sở Tài chính cân đối kinh phí.');
  });

  it('leaves the meeting ended, with nothing stored, when storing the final minutes fails', async () => {
    const original = DocumentStore.prototype.createFromBytes;
    const spy = vi.spyOn(DocumentStore.prototype, 'createFromBytes').mockImplementation(function (this: DocumentStore, bytes, meta, within) {
      // The close and the link run in the store's transaction; the blob's move then fails.
      return original.call(this, bytes, meta, async (tx, stored) => {
        await within?.(tx, stored);
        throw new Error('disk full');
      });
    });
    try {
      expect((await call(SECRETARY, 'POST', `/api/meetings/${meetingId}/close`)).status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect((await call(SECRETARY, 'GET', `/api/meetings/${meetingId}`)).body).toMatchObject({ status: 'ended', closedAt: null });
    expect(await minutes(SECRETARY)).toMatchObject({ status: 'draft', documentId: null });
    expect(await db().select().from(documentVersions).where(eq(documentVersions.reason, 'minutes'))).toEqual([]);
    expect(await db().select().from(auditEvents).where(eq(auditEvents.action, 'minutes.finalise'))).toEqual([]);
    expect(finals).toEqual([]);
  });

  it('refuses to close when the conclusions change while the final minutes are being made', async () => {
    const original = DocumentStore.prototype.createFromBytes;
    const spy = vi.spyOn(DocumentStore.prototype, 'createFromBytes').mockImplementation(async function (this: DocumentStore, bytes, meta, within) {
      // The PDF is made from the conclusions as they were; the chair changes them before it is stored.
      expect((await put(CHAIR, 'Kết luận sửa trong lúc đóng.')).status).toBe(200);
      return original.call(this, bytes, meta, within);
    });
    try {
      expect(await call(SECRETARY, 'POST', `/api/meetings/${meetingId}/close`)).toMatchObject({ status: 409, body: { code: 'minutes.changed' } });
    } finally {
      spy.mockRestore();
    }
    expect((await call(SECRETARY, 'GET', `/api/meetings/${meetingId}`)).body).toMatchObject({ status: 'ended' });
    expect(await db().select().from(documentVersions).where(eq(documentVersions.reason, 'minutes'))).toEqual([]);
    expect(finals).toEqual([]);
  });

  it('stores the final minutes at close as a document version (reason minutes), calls the hook once, and freezes them', async () => {
    expect(await call(A, 'POST', `/api/meetings/${meetingId}/close`)).toMatchObject({ status: 403 });
    expect(finals).toEqual([]);
    const closed = await call(SECRETARY, 'POST', `/api/meetings/${meetingId}/close`);
    expect(closed).toMatchObject({ status: 200, body: { status: 'closed' } });

    const final = await minutes(SECRETARY);
    expect(final).toMatchObject({ status: 'final', version: 1 });
    expect(final.documentId).toEqual(expect.any(String));
    expect(finals).toEqual([
      { meetingId, documentId: final.documentId, version: 1, chairId: ids[CHAIR], secretaryId: ids[SECRETARY], unitId: expect.any(String), closedBy: ids[SECRETARY] },
    ]);
    const [version] = await db()
      .select()
      .from(documentVersions)
      .where(eq(documentVersions.documentId, final.documentId ?? ''));
    expect(version).toMatchObject({ version: 1, reason: 'minutes', createdBy: ids[SECRETARY] });
    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'minutes.finalise'), eq(auditEvents.subjectId, meetingId)));
    expect(events).toHaveLength(1);
    expect(events[0]?.details).toMatchObject({ documentId: final.documentId, version: 1, sha256: version?.sha256 });

    // The file is now the stored bytes, and every invitee reads them; outsiders still do not.
    const bytes = await file(A);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(version?.sha256);
    const text = await pdfText(bytes);
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('Kết luận sửa trong lúc đóng.');
    expect(text).not.toContain('Bản nháp');
    expect((await call(A, 'GET', `/api/documents/${final.documentId}/versions/1/file`)).status).toBe(200);
    expect((await call('c0101.member', 'GET', `/api/meetings/${meetingId}/minutes`)).status).toBe(403);
    expect((await call('c0101.member', 'GET', `/api/documents/${final.documentId}/versions/1/file`)).status).toBe(403);

    expect(await put(SECRETARY, 'Sửa sau khi đóng')).toMatchObject({ status: 409, body: { code: 'minutes.closed' } });
    expect(await minutes(A)).toMatchObject({ status: 'final', conclusions: final.conclusions });

    // Issue 11.8: the stored minutes wait for the chair's, then the secretary's signature.
    const doc = await call(CHAIR, 'GET', `/api/documents/${final.documentId}`);
    expect(doc.status).toBe(200);
    const route = (doc.body as DocumentRouteExtension).route;
    if (!route) throw new Error('the minutes have no route');
    expect(route.status).toBe('active');
    expect(route.steps.map((s) => [s.kind, s.status, s.signers.map((x) => x.user.id)])).toEqual([
      ['personal', 'active', [ids[CHAIR]]],
      ['personal', 'waiting', [ids[SECRETARY]]],
    ]);
  });

  it('tells whoever scheduled a meeting without a secretary that its draft is ready', async () => {
    const other = await createCityMeeting(t.url, { invite: ['d01'], title: 'Họp không có thư ký' });
    const chair = c[CHAIR] as SignallingClient;
    await chair.joinMeeting(other);
    expect((await call(CHAIR, 'POST', `/api/meetings/${other}/end`)).status).toBe(200);
    const list = await (await as('city.clerk')).json<{ items: Array<{ kind: string; meetingId: string }> }>('/api/notifications');
    expect(list.items.filter((n) => n.meetingId === other).map((n) => n.kind)).toEqual(['minutes.draft_ready']);
  });
});
