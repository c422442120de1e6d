// A commune outside a meeting's invited subtree learns nothing of it (issue 10.10), on both
// databases: not the meeting, its place in lists, home page or notifications, its agenda,
// manifest, documents or files, its attendance sheet, nor anything over the socket (watching its
// pushes, its room, floor, votes or presentation). Two ways to be outside: a commune of another
// district when a district invites its communes, and a commune of the organising district itself
// when the district invites only its own office. Each refusal is checked against an invited
// reader (the organiser for the attendance sheet) who gets the same request answered, so a
// route that refuses everyone proves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Home } from '../../src/contract/home.ts';
import type { MeetingCreated, MeetingSummary } from '../../src/contract/meetings.ts';
import type { DocumentStored } from '../../src/contract/documents.ts';
import type { NotificationList } from '../../src/contract/notifications.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { uploadPdf } from '../helpers/documents.ts';
import { demoDirectory } from '../helpers/meetings.ts';
import { createMembers } from '../helpers/members.ts';
import { basePdf } from '../helpers/pdf-fixtures.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { SignallingClient } from '../helpers/signalling-client.ts';

describe(`a commune outside the invited subtree (${databaseKind})`, () => {
  let t: TestServer;
  let organiser: ApiClient;
  const sockets: SignallingClient[] = [];
  const as = async (username: string) => {
    const c = new ApiClient(t.url, 'en');
    expect((await c.login(username, DEMO_PASSWORD)).status).toBe(200);
    return c;
  };

  beforeAll(async () => {
    t = await startTestServer({ LOGIN_RATE_LIMIT_PER_MINUTE: '100' });
    organiser = await as('d01.clerk');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  /** A meeting of district d01 (its clerk organises, its leader chairs) with an agenda item and a document. */
  async function districtMeeting(includeSubunits: boolean): Promise<{ id: string; doc: DocumentStored }> {
    const dir = await demoDirectory(t.url);
    const res = await organiser.post('/api/meetings', {
      title: includeSubunits ? 'Giao ban quận và các phường' : 'Giao ban cơ quan quận',
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      invitedUnitIds: [dir.unit('d01')],
      includeSubunits,
      chairId: await dir.user('d01.leader'),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as MeetingCreated;
    const item = await organiser.post(`/api/meetings/${id}/agenda`, { title: 'Báo cáo tình hình' });
    const { id: itemId } = (await item.json()) as { id: string };
    const upload = await uploadPdf(organiser, `/api/meetings/${id}/documents`, await basePdf({ pages: 3 }), { fields: { agendaItemId: itemId } });
    expect(upload.status).toBe(201);
    return { id, doc: (await upload.json()) as DocumentStored };
  }

  /** What one caller gets from every HTTP way into the meeting: [what, status]. */
  async function httpAnswers(c: ApiClient, id: string, doc: DocumentStored): Promise<[string, number][]> {
    const paths: [string, string][] = [
      ['meeting', `/api/meetings/${id}`],
      ['agenda', `/api/meetings/${id}/agenda`],
      ['manifest', `/api/meetings/${id}/manifest`],
      ['meeting file', `/api/meetings/${id}/documents/${doc.id}/versions/${doc.version}/file`],
      ['document', `/api/documents/${doc.id}`],
      ['document file', `/api/documents/${doc.id}/versions/${doc.version}/file`],
    ];
    const answers: [string, number][] = [];
    for (const [what, path] of paths) answers.push([what, (await c.get(path)).status]);
    return answers;
  }

  /** Whether the caller finds the meeting in its list, its home page and its notifications. */
  async function listed(c: ApiClient, id: string): Promise<{ list: boolean; home: boolean; notified: boolean }> {
    const list = await c.json<MeetingSummary[]>('/api/meetings');
    const home = await c.json<Home>('/api/home');
    const notifications = await c.json<NotificationList>('/api/notifications');
    return {
      list: list.some((m) => m.id === id),
      home: home.upcomingMeetings.some((m) => m.id === id),
      notified: JSON.stringify(notifications).includes(id),
    };
  }

  /** Which socket requests about the meeting are answered (ok) for this caller. */
  async function socketAnswers(cookie: string, id: string): Promise<[string, boolean][]> {
    const s = await SignallingClient.withCookie(t.url, cookie);
    sockets.push(s);
    return [
      ['watchMeeting', (await s.request('watchMeeting', { meetingId: id })).ok],
      ['room capabilities', (await s.request('getRouterRtpCapabilities', { meetingId: id })).ok],
      ['getFloor', (await s.request('getFloor', { meetingId: id })).ok],
      ['getVotes', (await s.request('getVotes', { meetingId: id })).ok],
      ['getPresentation', (await s.request('getPresentation', { meetingId: id })).ok],
    ];
  }

  async function expectOutside(outsider: ApiClient, insider: ApiClient, id: string, doc: DocumentStored): Promise<void> {
    // The insider is answered everywhere: the routes work.
    for (const [what, status] of await httpAnswers(insider, id, doc)) expect(status, `insider: ${what}`).toBe(200);
    expect(await listed(insider, id)).toEqual({ list: true, home: true, notified: true });
    for (const [what, ok] of await socketAnswers(insider.sessionCookie ?? '', id)) expect(ok, `insider: ${what}`).toBe(true);
    // The outsider is refused everywhere, and nothing lists it.
    for (const [what, status] of await httpAnswers(outsider, id, doc)) expect([403, 404], `outsider: ${what}`).toContain(status);
    // The attendance sheet and the draft minutes are the organisers' (and the chair's), not every invitee's.
    for (const path of [`/api/meetings/${id}/attendance`, `/api/meetings/${id}/attendance.csv`, `/api/meetings/${id}/minutes`]) {
      expect((await organiser.get(path)).status, `organiser: ${path}`).toBe(200);
      expect([403, 404], `outsider: ${path}`).toContain((await outsider.get(path)).status);
    }
    expect([403, 404], 'outsider: minutes file').toContain((await outsider.get(`/api/meetings/${id}/minutes/file`)).status);
    expect(await listed(outsider, id)).toEqual({ list: false, home: false, notified: false });
    for (const [what, ok] of await socketAnswers(outsider.sessionCookie ?? '', id)) expect(ok, `outsider: ${what}`).toBe(false);
  }

  it('refuses a commune of another district when a district invites its own communes', async () => {
    const { id, doc } = await districtMeeting(true);
    // A member of a commune of district d02 (the demo has none: one is made for the test).
    const [member] = await createMembers(t.server.database.db, 1, ['c0201'], 'c0201.member');
    if (!member) throw new Error('no member made');
    await expectOutside(ApiClient.withSession(t.url, member.cookie, 'en'), await as('c0101.member'), id, doc);
  });

  it('refuses a commune of the organising district when the district invites only its own office', async () => {
    const { id, doc } = await districtMeeting(false);
    await expectOutside(await as('c0101.member'), await as('d01.member'), id, doc);
  });
});
