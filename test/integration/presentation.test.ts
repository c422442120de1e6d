// "The presenter leads" over the socket protocol, on both databases, with the socket methods
// called directly (as a modified client would): only the chair and the current agenda item's
// presenter may lead, only while the meeting is live, only to a version of one of the meeting's
// documents and a page within it; every tablet in the room or watching the meeting is told, no
// other; the state is Postgres's, so it survives a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentStored } from '../../src/contract/documents.ts';
import type { PresentationState } from '../../src/contract/presentation.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { uploadPdf } from '../helpers/documents.ts';
import { createCityMeeting, demoDirectory } from '../helpers/meetings.ts';
import { basePdf } from '../helpers/pdf-fixtures.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { signallingClients, type SignallingClient } from '../helpers/signalling-client.ts';

describe(`the presenter leads (${databaseKind})`, () => {
  let t: TestServer;
  const clients = signallingClients(() => t.url);
  let clerk: ApiClient;
  let meetingId: string;
  let otherMeetingId: string;
  let item1: string;
  let item2: string;
  let report: DocumentStored;
  let elsewhere: DocumentStored;
  let ids: Record<string, string>;

  const as = async (username: string): Promise<ApiClient> => {
    const c = new ApiClient(t.url, 'en');
    expect((await c.login(username, DEMO_PASSWORD)).status).toBe(200);
    return c;
  };
  const addItem = async (id: string, body: Record<string, unknown>): Promise<string> => {
    const res = await clerk.post(`/api/meetings/${id}/agenda`, body);
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const upload = async (id: string, pages: number, fields: Record<string, string> = {}): Promise<DocumentStored> => {
    const res = await uploadPdf(clerk, `/api/meetings/${id}/documents`, await basePdf({ pages, title: `doc-${pages}` }), { fields });
    expect(res.status).toBe(201);
    return (await res.json()) as DocumentStored;
  };
  const refusal = async (c: SignallingClient, data: { documentId: string; version: number; page: number }, id = meetingId) => {
    const ack = await c.request('present', { meetingId: id, ...data });
    return ack.ok ? 'accepted' : ack.error.code;
  };

  beforeAll(async () => {
    t = await startTestServer();
    clerk = await as('city.clerk');
    const dir = await demoDirectory(t.url);
    ids = Object.fromEntries(await Promise.all(['city.leader', 'd01.leader'].map(async (u) => [u, await dir.user(u)] as const)));
    meetingId = await createCityMeeting(t.url, { invite: ['d01'], includeSubunits: true });
    otherMeetingId = await createCityMeeting(t.url, { invite: ['d01'], title: 'Một cuộc họp khác' });
    item1 = await addItem(meetingId, { title: 'Báo cáo kinh tế - xã hội', presenterId: ids['d01.leader'] });
    item2 = await addItem(meetingId, { title: 'Kế hoạch chuyển đổi số' });
    report = await upload(meetingId, 5, { agendaItemId: item1 });
    elsewhere = await upload(otherMeetingId, 2);
  });
  afterAll(async () => {
    clients.closeAll();
    await t?.close();
  });

  it('leads only while the meeting is live, and only the chair or the current item’s presenter', async () => {
    const chair = await clients.connect('city.leader');
    const presenter = await clients.connect('d01.leader');
    const member = await clients.connect('c0101.member');
    const outsider = await clients.connect('d02.member');
    const page1 = { documentId: report.id, version: 1, page: 1 };

    expect(await refusal(chair, page1)).toBe('presentation.not_live');
    await chair.joinMeeting(meetingId); // the chair opens the room: the meeting is live
    expect((await chair.ok('getPresentation', { meetingId })).canLead).toBe(true);

    expect(await refusal(member, page1)).toBe('presentation.not_leader');
    expect(await refusal(outsider, page1)).toBe('meeting.not_invited');
    expect((await outsider.request('getPresentation', { meetingId })).ok).toBe(false);
    // The item's presenter leads only once the chair makes it the item under discussion.
    expect(await refusal(presenter, page1)).toBe('presentation.not_leader');
    expect((await presenter.ok('getPresentation', { meetingId })).canLead).toBe(false);
    const chairHttp = await as('city.leader');
    expect((await chairHttp.post(`/api/meetings/${meetingId}/agenda/current`, { itemId: item1 })).status).toBe(200);
    expect((await presenter.ok('getPresentation', { meetingId })).canLead).toBe(true);
    const led = await presenter.ok('present', { meetingId, ...page1 });
    expect(led.presentation).toMatchObject({ presenter: { id: ids['d01.leader'] }, documentId: report.id, version: 1, page: 1 });
    // The next item has no presenter: only the chair leads again.
    expect((await chairHttp.post(`/api/meetings/${meetingId}/agenda/current`, { itemId: item2 })).status).toBe(200);
    expect(await refusal(presenter, { ...page1, page: 2 })).toBe('presentation.not_leader');
    expect((await presenter.request('stopPresenting', { meetingId })).ok).toBe(false);
    expect(await refusal(member, page1)).toBe('presentation.not_leader');
    // Refusals changed nothing.
    expect((await member.ok('getPresentation', { meetingId })).revision).toBe(led.revision);
  });

  it('refuses a document of another meeting, a version that does not exist and a page outside the document', async () => {
    const chair = await clients.connect('city.leader');
    expect(await refusal(chair, { documentId: elsewhere.id, version: 1, page: 1 })).toBe('document.not_found');
    expect(await refusal(chair, { documentId: report.id, version: 2, page: 1 })).toBe('document.not_found');
    expect(await refusal(chair, { documentId: report.id, version: 1, page: 6 })).toBe('presentation.page_out_of_range');
    expect(await refusal(chair, { documentId: report.id, version: 1, page: 0 })).toBe('validation_failed');
    const ack = await chair.request('present', { meetingId, documentId: report.id, version: 1, page: 6 });
    expect(ack.ok ? '' : ack.error.message).toContain('5 pages');
  });

  it('tells every tablet in the room or watching the meeting, nobody else; a newcomer reads it', async () => {
    const chair = await clients.connect('city.leader');
    await chair.joinMeeting(meetingId);
    const inRoom = await clients.connect('d01.member');
    await inRoom.joinMeeting(meetingId);
    const watcher = await clients.connect('c0101.member');
    await watcher.ok('watchMeeting', { meetingId });
    const notWatching = await clients.connect('d01.clerk');
    const before = await chair.ok('getPresentation', { meetingId });

    const state = await chair.ok('present', { meetingId, documentId: report.id, version: 1, page: 3 });
    expect(state.revision).toBeGreaterThan(before.revision);
    const isIt = (s: PresentationState) => s.revision === state.revision;
    for (const c of [inRoom, watcher]) {
      expect(await c.next('presentationChanged', isIt)).toEqual(state);
    }
    expect(state.presentation).toMatchObject({ presenter: { id: ids['city.leader'], fullName: expect.stringMatching(/\S/) }, page: 3 });
    const newcomer = await clients.connect('city.member');
    expect(await newcomer.ok('getPresentation', { meetingId })).toEqual({ ...state, canLead: false });
    // Watching stops with unwatch.
    await watcher.ok('unwatchMeeting', { meetingId });
    const next = await chair.ok('present', { meetingId, documentId: report.id, version: 1, page: 4 });
    await inRoom.next('presentationChanged', (s) => s.revision === next.revision);
    await new Promise((r) => setTimeout(r, 200));
    for (const c of [watcher, notWatching, newcomer]) {
      expect(c.notifications.filter((n) => n.method === 'presentationChanged' && n.data.revision === next.revision)).toEqual([]);
    }
    expect(notWatching.notifications.filter((n) => n.method === 'presentationChanged')).toEqual([]);
  });

  it('keeps the presentation across a server restart, then stops it for everyone', async () => {
    const chair = await clients.connect('city.leader');
    const before = await chair.ok('present', { meetingId, documentId: report.id, version: 1, page: 5 });
    clients.closeAll();
    await t.restart();

    const member = await clients.connect('c0101.member');
    const after = await member.ok('getPresentation', { meetingId });
    expect(after).toEqual({ ...before, canLead: false });
    await member.ok('watchMeeting', { meetingId });
    const chair2 = await clients.connect('city.leader');
    const stopped = await chair2.ok('stopPresenting', { meetingId });
    expect(stopped).toEqual({ meetingId, revision: before.revision + 1, presentation: null });
    expect(await member.next('presentationChanged', (s) => s.revision === stopped.revision)).toEqual(stopped);

    // Once the meeting has ended, nobody presents and nobody may lead.
    await chair2.ok('present', { meetingId, documentId: report.id, version: 1, page: 2 });
    expect((await (await as('city.leader')).post(`/api/meetings/${meetingId}/end`)).status).toBe(200);
    expect(await member.ok('getPresentation', { meetingId })).toMatchObject({ presentation: null, canLead: false });
    expect((await chair2.ok('getPresentation', { meetingId })).canLead).toBe(false);
    const ack = await chair2.request('present', { meetingId, documentId: report.id, version: 1, page: 3 });
    expect(ack.ok ? 'accepted' : ack.error.code).toBe('presentation.not_live');
  });
});
