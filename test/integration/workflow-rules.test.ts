import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/index.ts';
import type { NotificationList } from '../../src/contract/notifications.ts';
import type { BatchResponse, DraftItem, InboxItem, RouteView, VerificationReportView } from '../../src/contract/workflow.ts';
import { createNotifier } from '../../src/notifications/index.ts';
import { getUnitByCode } from '../../src/org/index.ts';
import { AppError } from '../../src/errors/index.ts';
import { remindOverdue, startRoute } from '../../src/workflow/index.ts';
import { signingContexts } from '../../src/workflow/signing-context.ts';
import { query, recordingPusher } from '../helpers/credentials.ts';
import { SignallingClient } from '../helpers/signalling-client.ts';
import { databaseKind } from '../helpers/database.ts';
import { uploadPdf } from '../helpers/documents.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { defineRoute, letterPdf, PIN, routeOf, SigningUser, uploadLetter } from '../helpers/workflow.ts';

// The workflow's rules through the HTTP API: who may define a route and with whom, who may sign
// or seal, the PIN lock, spent codes, rejection, reminders, batches and
// the verification of an uploaded file.
// Two concurrent signatures and a crash mid-signature: workflow-crash.test.ts.

const problem = async (res: Response) => ({ status: res.status, code: ((await res.json()) as { code?: string }).code });

describe(`signing workflow rules (${databaseKind})`, () => {
  let t: TestServer;
  let clerk: SigningUser;
  let leader: SigningUser;
  let member: SigningUser;
  let otherClerk: SigningUser;
  let otherLeader: SigningUser;

  beforeAll(async () => {
    t = await startTestServer({ DEV_PKI: 'true' });
    const db = t.server.database.db;
    const d01 = await getUnitByCode(db, 'd01');
    // A second leader of d01, who gets locked out by the PIN test without hurting the others.
    await createUser(db, { unitId: d01?.id as string, username: 'd01.deputy', fullName: 'Lý Văn Phó', title: 'Phó Chủ tịch UBND Quận Ba Đình', roles: ['leader'], password: DEMO_PASSWORD });
    [clerk, leader, member, otherClerk, otherLeader] = await Promise.all(
      ['d01.clerk', 'd01.leader', 'd01.member', 'd02.clerk', 'd02.leader'].map((u) => SigningUser.login(t.url, u)),
    ) as [SigningUser, SigningUser, SigningUser, SigningUser, SigningUser];
    for (const u of [clerk, leader, member, otherClerk, otherLeader]) await u.enrol();
  });
  afterAll(() => t?.close());

  it('refuses route definitions: not a drafter (403), empty (422), unknown signer, wrong seal or personal signer (422), a second active route (409)', async () => {
    const id = await uploadLetter(clerk.client);
    // No route yet: the document's detail says so.
    expect(await clerk.client.json<{ route: unknown }>(`/api/documents/${id}`)).toMatchObject({ id, route: null });
    const steps = [
      { kind: 'review', signers: ['d01.member'] },
      { kind: 'personal', signers: ['d01.leader'] },
      { kind: 'seal', signers: ['d01.clerk'] },
    ];
    expect(await problem(await defineRoute(member.client, id, steps))).toEqual({ status: 403, code: 'workflow.not_drafter' });
    expect(await problem(await defineRoute(otherClerk.client, id, steps))).toEqual({ status: 403, code: 'workflow.not_drafter' });
    expect(await problem(await defineRoute(clerk.client, id, []))).toEqual({ status: 422, code: 'workflow.step_empty' });
    expect(await problem(await defineRoute(clerk.client, id, [{ kind: 'review', signers: [] }]))).toEqual({ status: 422, code: 'workflow.step_empty' });
    expect(await problem(await defineRoute(clerk.client, id, [{ kind: 'review', signers: ['nobody.here'] }]))).toEqual({ status: 422, code: 'workflow.signer_unknown' });
    expect(await problem(await defineRoute(clerk.client, id, [{ kind: 'seal', signers: ['d02.clerk'] }]))).toEqual({ status: 422, code: 'workflow.seal_signer_invalid' });
    expect(await problem(await defineRoute(clerk.client, id, [{ kind: 'seal', signers: ['d01.leader'] }]))).toEqual({ status: 422, code: 'workflow.seal_signer_invalid' });
    expect(await problem(await defineRoute(clerk.client, id, [{ kind: 'personal', signers: ['d01.member'] }]))).toEqual({ status: 422, code: 'workflow.personal_signer_invalid' });
    expect(await problem(await defineRoute(clerk.client, id, [{ kind: 'signature', signers: ['d01.leader'] }]))).toMatchObject({ status: 400 });
    expect((await defineRoute(clerk.client, id, steps)).status).toBe(201);
    expect(await problem(await defineRoute(clerk.client, id, steps))).toEqual({ status: 409, code: 'workflow.route_exists' });
    expect(await problem(await defineRoute(clerk.client, '00000000-0000-4000-8000-000000000000', steps))).toEqual({ status: 404, code: 'document.not_found' });
  });

  it('lets nobody outside the route sign, and no other unit’s clerk seal (403), nor read its verification', async () => {
    const id = await uploadLetter(clerk.client);
    expect((await defineRoute(clerk.client, id, [{ kind: 'seal', signers: ['d01.clerk'] }])).status).toBe(201);
    expect(await problem(await otherClerk.sign(id))).toEqual({ status: 403, code: 'signing.not_your_step' });
    expect(await problem(await otherLeader.sign(id))).toEqual({ status: 403, code: 'signing.not_your_step' });
    expect(await problem(await member.sign(id))).toEqual({ status: 403, code: 'signing.not_your_step' });
    expect(await problem(await otherClerk.client.get(`/api/documents/${id}/verification`))).toEqual({ status: 403, code: 'document.forbidden' });
    expect(await problem(await otherClerk.client.post(`/api/documents/${id}/reject`, { reason: 'no' }))).toEqual({ status: 403, code: 'signing.not_your_step' });
    // The seal without a leader's signature on the page: it needs a box (422), and the number given stays reserved.
    const placed = await clerk.sign(id, { number: 777, rect: { x: 300, y: 100, w: 100, h: 100 } });
    expect(placed.status, await placed.clone().text()).toBe(200);
    expect(await placed.json()).toMatchObject({ number: '777/D01' });
    // 777 is taken for this year in d01's register.
    const again = await uploadLetter(clerk.client);
    expect((await defineRoute(clerk.client, again, [{ kind: 'seal', signers: ['d01.clerk'] }])).status).toBe(201);
    expect(await problem(await clerk.sign(again, { number: 777, rect: { x: 300, y: 100, w: 100, h: 100 } }))).toEqual({ status: 409, code: 'workflow.number_taken' });
  });

  it('locks signing after five wrong PINs (423 signing.pin_locked); a spent code is 403 signing.wrong_code', async () => {
    const deputy = await SigningUser.login(t.url, 'd01.deputy');
    await deputy.enrol();
    const id = await uploadLetter(clerk.client);
    expect((await defineRoute(clerk.client, id, [{ kind: 'personal', signers: ['d01.deputy'] }])).status).toBe(201);
    const answers = [];
    // The PIN is checked before the code: a wrong PIN spends no code.
    for (let i = 0; i < 5; i++) answers.push(await problem(await deputy.client.post(`/api/documents/${id}/sign`, { pin: '975310864201', code: '000000' })));
    expect(answers.slice(0, 4)).toEqual(Array(4).fill({ status: 403, code: 'signing.wrong_pin' }));
    expect([403, 423]).toContain(answers[4]?.status);
    expect(await problem(await deputy.sign(id))).toEqual({ status: 423, code: 'signing.pin_locked' });
    expect((await routeOf(clerk.client, id)).steps[0]?.signers[0]?.status).toBe('pending');

    // A spent code: the member signs one document, then tries another with the same code.
    const a = await uploadLetter(clerk.client);
    const b = await uploadLetter(clerk.client);
    for (const d of [a, b]) expect((await defineRoute(clerk.client, d, [{ kind: 'review', signers: ['d01.member'] }])).status).toBe(201);
    expect((await member.sign(a)).status).toBe(200);
    const spent = await member.client.post(`/api/documents/${b}/sign`, { pin: PIN, code: member.lastCode() });
    expect(await problem(spent)).toEqual({ status: 403, code: 'signing.wrong_code' });
  });

  it('stops the route on a rejection and tells the drafter why; a new route may follow', async () => {
    const id = await uploadLetter(clerk.client);
    const steps = [{ kind: 'review', signers: ['d01.member'] }, { kind: 'personal', signers: ['d01.leader'] }];
    expect((await defineRoute(clerk.client, id, steps)).status).toBe(201);
    expect(await problem(await member.client.post(`/api/documents/${id}/reject`, { reason: '' }))).toMatchObject({ status: 400 });
    const res = await member.client.post(`/api/documents/${id}/reject`, { reason: 'Sai số liệu ở trang 2' });
    expect(res.status, await res.clone().text()).toBe(200);
    const route = (await res.json()) as RouteView;
    expect(route).toMatchObject({ status: 'rejected', currentStep: null });
    expect(route.steps[0]).toMatchObject({ status: 'rejected', signers: [{ status: 'rejected', reason: 'Sai số liệu ở trang 2' }] });
    const notes = await clerk.client.json<NotificationList>('/api/notifications');
    expect(notes.items.find((n) => n.kind === 'signing.rejected' && 'documentId' in n && n.documentId === id)).toMatchObject({
      payload: { reason: 'Sai số liệu ở trang 2', by: 'Vũ Thị Hồng' },
    });
    expect(await problem(await member.sign(id))).toEqual({ status: 403, code: 'signing.not_your_step' });
    expect((await defineRoute(clerk.client, id, steps)).status).toBe(201);
    const events = await query<{ action: string }>(t.server.database.db, sql`select action from audit_events where subject_id = ${id} order by seq`);
    expect(events.map((e) => e.action)).toEqual(['route.change', 'document.reject', 'route.change']);
  });

  it('reminds the pending signers of an overdue step once', async () => {
    const id = await uploadLetter(clerk.client);
    expect((await defineRoute(clerk.client, id, [{ kind: 'personal', signers: ['d01.leader'] }], { dueHours: 1 })).status).toBe(201);
    const db = t.server.database.db;
    const notifier = createNotifier(db, recordingPusher());
    const later = new Date(Date.now() + 2 * 3_600_000);
    expect(await remindOverdue({ db, notifier }, later)).toBeGreaterThanOrEqual(1);
    expect(await remindOverdue({ db, notifier }, new Date(later.getTime() + 3_600_000))).toBe(0);
    const mine = (await leader.client.json<NotificationList>('/api/notifications')).items.filter((n) => n.kind === 'signing.overdue' && 'documentId' in n && n.documentId === id);
    expect(mine).toHaveLength(1);
    const inbox = (await leader.client.json<{ items: InboxItem[] }>('/api/me/inbox')).items;
    expect(inbox.find((i) => i.documentId === id)).toMatchObject({ stepKind: 'personal', overdue: false });
  });

  it('shows the drafter where each document he sent is — waiting for whom, done, or refused and why — and nobody else', async () => {
    const waiting = await uploadLetter(clerk.client);
    expect((await defineRoute(clerk.client, waiting, [{ kind: 'review', signers: ['d01.member'] }, { kind: 'personal', signers: ['d01.leader'] }])).status).toBe(201);
    expect((await member.sign(waiting)).status).toBe(200);
    const refused = await uploadLetter(clerk.client);
    expect((await defineRoute(clerk.client, refused, [{ kind: 'personal', signers: ['d01.leader'] }])).status).toBe(201);
    expect((await leader.client.post(`/api/documents/${refused}/reject`, { reason: 'Sai số liệu ở trang 2' })).status).toBe(200);
    const done = await uploadLetter(clerk.client);
    expect((await defineRoute(clerk.client, done, [{ kind: 'personal', signers: ['d01.leader'] }])).status).toBe(201);
    expect((await leader.sign(done)).status).toBe(200);

    const items = (await clerk.client.json<{ items: DraftItem[] }>('/api/me/drafts')).items;
    const at = (id: string) => items.findIndex((i) => i.documentId === id);
    // Newest route first.
    expect([at(done), at(refused), at(waiting)].every((i) => i >= 0)).toBe(true);
    expect(at(done)).toBeLessThan(at(refused));
    expect(at(refused)).toBeLessThan(at(waiting));
    expect(items[at(waiting)]).toMatchObject({
      version: 2,
      route: { status: 'active', stepsDone: 1, steps: 2, completedAt: null, rejection: null, current: { position: 2, kind: 'personal', overdue: false, waitingFor: [{ username: 'd01.leader' }] } },
    });
    expect(items[at(refused)]).toMatchObject({
      version: 1,
      route: { status: 'rejected', stepsDone: 0, steps: 1, current: null, rejection: { by: { username: 'd01.leader' }, reason: 'Sai số liệu ở trang 2' } },
    });
    expect(items[at(done)]?.route).toMatchObject({ status: 'done', stepsDone: 1, steps: 1, current: null, rejection: null });
    expect(items[at(done)]?.route.completedAt).not.toBeNull();
    expect(items[at(done)]?.version).toBe(2);

    // Only the drafter's own list holds them: not a signer's, not another unit's clerk's; nobody signed out.
    for (const other of [member, leader, otherClerk]) {
      const theirs = (await other.client.json<{ items: DraftItem[] }>('/api/me/drafts')).items.map((i) => i.documentId);
      expect(theirs).not.toContain(waiting);
      expect(theirs).not.toContain(refused);
      expect(theirs).not.toContain(done);
    }
    expect((await fetch(`${t.url}/api/me/drafts`)).status).toBe(401);
  });

  it('signs a batch under one PIN and one code, reporting each item', async () => {
    const ids = [await uploadLetter(clerk.client), await uploadLetter(clerk.client), await uploadLetter(clerk.client)];
    for (const id of ids) expect((await defineRoute(clerk.client, id, [{ kind: 'personal', signers: ['d01.leader'] }])).status).toBe(201);
    const notMine = await uploadLetter(clerk.client);
    const socket = await SignallingClient.withCookie(t.url, leader.client.sessionCookie ?? '');
    const res = await leader.client.post('/api/me/signing/batch', { pin: PIN, code: await leader.code(), items: [...ids.map((documentId) => ({ documentId })), { documentId: notMine }] });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as BatchResponse;
    expect(body).toMatchObject({ signed: 3, failed: 1 });
    expect(body.items.slice(0, 3).every((i) => i.ok && i.version === 2)).toBe(true);
    expect(body.items[3]).toMatchObject({ ok: false, code: 'signing.not_your_step' });
    for (const id of ids) expect((await routeOf(clerk.client, id)).status).toBe('done');
    // The progress bar's pushes: one per item, counting up to the total.
    await new Promise((r) => setTimeout(r, 200));
    const progress = socket.notifications.filter((n) => n.method === 'signing.progress').map((n) => n.data);
    socket.close();
    expect(progress.map((p) => ('done' in p ? [p.done, p.total] : []))).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
    const wrong = await leader.client.post('/api/me/signing/batch', { pin: '975310864201', code: await leader.code(), items: [{ documentId: notMine }] });
    expect(await problem(wrong)).toEqual({ status: 403, code: 'signing.wrong_pin' });
  });

  it('reads a batch’s contexts slice by slice, each document with its own context or refusal, in order', async () => {
    const mine = [await uploadLetter(clerk.client), await uploadLetter(clerk.client), await uploadLetter(clerk.client)];
    for (const id of mine) expect((await defineRoute(clerk.client, id, [{ kind: 'personal', signers: ['d01.leader'] }])).status).toBe(201);
    const notMine = await uploadLetter(clerk.client);
    const missing = '00000000-0000-4000-8000-000000000000';
    // Slices of two: the refusals and the documents fall in three different slices.
    const ids = [mine[0]!, notMine, missing, mine[1]!, mine[2]!];
    const contexts = await signingContexts(t.server.database.db, leader.id, ids, 2);
    expect([...contexts.keys()]).toEqual(ids);
    expect(ids.map((id) => { const c = contexts.get(id); return c instanceof AppError ? c.code : c?.document.id; })).toEqual([mine[0], 'signing.not_your_step', 'document.not_found', mine[1], mine[2]]);
    const read = contexts.get(mine[2]!);
    expect(read instanceof AppError ? read.code : { version: read?.current.version, signer: read?.signer.id, unit: read?.ownerUnit.code }).toEqual({ version: 1, signer: leader.id, unit: 'd01' });
  });

  it('verifies an uploaded PDF without storing it', async () => {
    const signedId = await uploadLetter(clerk.client);
    expect((await defineRoute(clerk.client, signedId, [{ kind: 'review', signers: ['d01.member'] }])).status).toBe(201);
    expect((await member.sign(signedId)).status).toBe(200);
    const bytes = new Uint8Array(await (await clerk.client.get(`/api/documents/${signedId}/versions/2/file`)).arrayBuffer());
    const res = await uploadPdf(otherLeader.client, '/api/verification', bytes);
    expect(res.status, await res.clone().text()).toBe(200);
    const report = (await res.json()) as VerificationReportView;
    expect(report).toMatchObject({ ok: true, signatures: [{ status: 'valid', signer: { commonName: 'Vũ Thị Hồng' } }] });
    const plain = await uploadPdf(otherLeader.client, '/api/verification', await letterPdf(1));
    expect(await plain.json()).toMatchObject({ ok: false, signatures: [] });
    const notPdf = await uploadPdf(otherLeader.client, '/api/verification', new TextEncoder().encode('hello'));
    expect(await problem(notPdf)).toEqual({ status: 415, code: 'document.not_pdf' });
    const anonymous = await uploadPdf(new (clerk.client.constructor as typeof import('../helpers/client.ts').ApiClient)(t.url), '/api/verification', bytes);
    expect(anonymous.status).toBe(401);
  });

  it('starts the minutes’ route chair → secretary through startRoute, both personal whatever their roles', async () => {
    const id = await uploadLetter(clerk.client);
    const db = t.server.database.db;
    // A clerk as "chair" and a leader as "secretary": the role rules are for routes drafted by hand.
    const { afterCommit } = await startRoute(db, {
      documentId: id,
      steps: [
        { kind: 'personal', signerIds: [otherClerk.id] },
        { kind: 'personal', signerIds: [otherLeader.id] },
      ],
      createdBy: clerk.id,
    });
    afterCommit();
    const route = await routeOf(clerk.client, id);
    expect(route).toMatchObject({ status: 'active', currentStep: 1, drafter: { username: 'd01.clerk' } });
    expect((await otherClerk.client.json<{ items: InboxItem[] }>('/api/me/inbox')).items.map((i) => i.documentId)).toContain(id);
    const first = await otherClerk.sign(id);
    expect(first.status, await first.clone().text()).toBe(200);
    const second = await otherLeader.sign(id);
    expect(second.status, await second.clone().text()).toBe(200);
    expect((await routeOf(clerk.client, id)).status).toBe('done');
    await expect(startRoute(db, { documentId: id, steps: [], createdBy: clerk.id })).rejects.toMatchObject({ code: 'workflow.step_empty' });
  });
});
