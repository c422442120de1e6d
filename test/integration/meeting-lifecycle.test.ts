// Scheduling rules on both databases: a draft is seen only by those preparing it (list, detail,
// join, watch), publishing shows it to invitees, edit and reschedule by the organisers only,
// cancel, end by the chair only (the room closes for everyone), close by the secretary or the
// organisers; forbidden transitions and other units' clerks are refused with their codes.
import type { AttendanceSheet } from '../../src/contract/attendance.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingCreated, MeetingDetail, MeetingSummary } from '../../src/contract/meetings.ts';
import type { Problem } from '../../src/contract/problem.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { demoDirectory } from '../helpers/meetings.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { signallingClients } from '../helpers/signalling-client.ts';

describe(`meeting lifecycle (${databaseKind})`, () => {
  let t: TestServer;
  let dir: Awaited<ReturnType<typeof demoDirectory>>;
  const sessions = new Map<string, ApiClient>();
  const clients = signallingClients(() => t.url);
  const startsAt = new Date(Date.now() + 86_400_000).toISOString();

  const as = async (username: string): Promise<ApiClient> => {
    const known = sessions.get(username);
    if (known) return known;
    const c = new ApiClient(t.url, 'en');
    expect((await c.login(username, DEMO_PASSWORD)).status).toBe(200);
    sessions.set(username, c);
    return c;
  };
  /** The answer's status and body: a detail (`status` the meeting's) or a problem (`status` the HTTP one). */
  type Answer = Omit<MeetingDetail, 'status'> & Omit<Problem, 'status'> & { status: MeetingDetail['status'] | number };
  const call = async (username: string, method: string, path: string, body?: unknown) => {
    const res = await (await as(username)).request(method, path, body);
    return { status: res.status, body: (await res.json()) as Answer };
  };
  const create = async (extra: Record<string, unknown> = {}): Promise<string> => {
    const res = await dir.clerk.post('/api/meetings', {
      title: 'Họp chuẩn bị kỳ họp Hội đồng nhân dân',
      startsAt,
      invitedUnitIds: [dir.unit('d01')],
      includeSubunits: true,
      chairId: await dir.user('city.leader'),
      secretaryId: await dir.user('city.member'),
      ...extra,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as MeetingCreated).id;
  };
  const listed = async (username: string, id: string) => (await (await as(username)).json<MeetingSummary[]>('/api/meetings')).some((m) => m.id === id);

  beforeAll(async () => {
    t = await startTestServer();
    dir = await demoDirectory(t.url);
    sessions.set('city.clerk', dir.clerk);
  });
  afterAll(async () => {
    clients.closeAll();
    await t?.close();
  });

  it('keeps a draft to those preparing it until it is published', async () => {
    const id = await create({ status: 'draft' });

    // Invitees (a commune in the subtree, the district's own clerk) do not learn of it.
    for (const invitee of ['c0101.member', 'd01.clerk']) {
      expect(await listed(invitee, id)).toBe(false);
      expect(await call(invitee, 'GET', `/api/meetings/${id}`)).toMatchObject({ status: 404, body: { code: 'meeting.not_found' } });
    }
    const commune = await clients.connect('c0101.member');
    expect(await commune.request('watchMeeting', { meetingId: id })).toMatchObject({ ok: false, error: { code: 'meeting.not_found' } });
    expect(await commune.request('getRouterRtpCapabilities', { meetingId: id })).toMatchObject({ ok: false, error: { code: 'meeting.not_found' } });
    expect(await commune.request('join', { meetingId: id, rtpCapabilities: { codecs: [] } })).toMatchObject({ ok: false, error: { code: 'meeting.not_found' } });

    // Those preparing it see it, each with their part; only the organisers may change it.
    expect(await call('city.clerk', 'GET', `/api/meetings/${id}`)).toMatchObject({
      status: 200,
      body: { status: 'draft', myRole: 'organiser', actions: ['edit', 'publish', 'cancel'], secretary: { username: 'city.member' } },
    });
    expect((await call('city.leader', 'GET', `/api/meetings/${id}`)).body).toMatchObject({ myRole: 'chair', actions: ['edit', 'publish', 'cancel'] });
    expect((await call('city.member', 'GET', `/api/meetings/${id}`)).body).toMatchObject({ myRole: 'secretary', actions: [] });
    expect(await listed('city.member', id)).toBe(true);
    // Its room does not open before it is published, even to its chair.
    const chair = await clients.connect('city.leader');
    const caps = await chair.ok('getRouterRtpCapabilities', { meetingId: id });
    expect(await chair.request('join', { meetingId: id, rtpCapabilities: caps as unknown as Record<string, unknown> })).toMatchObject({
      ok: false,
      error: { code: 'meeting.not_published' },
    });

    expect(await call('city.member', 'POST', `/api/meetings/${id}/publish`)).toMatchObject({ status: 403, body: { code: 'auth.forbidden_role' } });
    expect(await call('d01.clerk', 'POST', `/api/meetings/${id}/publish`)).toMatchObject({ status: 404, body: { code: 'meeting.not_found' } });
    expect(await call('city.clerk', 'POST', `/api/meetings/${id}/publish`)).toMatchObject({ status: 200, body: { status: 'scheduled', actions: ['edit', 'cancel'] } });
    expect(await call('city.clerk', 'POST', `/api/meetings/${id}/publish`)).toMatchObject({ status: 409, body: { code: 'meeting.not_draft', meetingStatus: 'scheduled' } });

    expect(await listed('c0101.member', id)).toBe(true);
    expect(await call('c0101.member', 'GET', `/api/meetings/${id}`)).toMatchObject({ status: 200, body: { myRole: 'participant', actions: [] } });
    expect(await commune.request('watchMeeting', { meetingId: id })).toEqual({ ok: true, data: {} });
  });

  it('lets the organisers edit and reschedule, and refuses everyone else with their codes', async () => {
    const id = await create();
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const edited = await call('city.clerk', 'PATCH', `/api/meetings/${id}`, { title: 'Họp chuẩn bị kỳ họp (dời lịch)', startsAt: later, secretaryId: null });
    expect(edited).toMatchObject({ status: 200, body: { title: 'Họp chuẩn bị kỳ họp (dời lịch)', secretary: null, status: 'scheduled' } });
    expect(new Date(edited.body.startsAt).getTime()).toBe(new Date(later).getTime());

    // The invitation list is replaced; a commune outside it no longer sees the meeting.
    const reinvited = await call('city.clerk', 'PATCH', `/api/meetings/${id}`, { invitedUnitIds: [dir.unit('d02')], includeSubunits: false });
    expect(reinvited.body.invitedUnits).toEqual([expect.objectContaining({ code: 'd02', includeSubunits: false })]);
    expect(await call('c0101.member', 'GET', `/api/meetings/${id}`)).toMatchObject({ status: 403, body: { code: 'meeting.not_invited' } });

    // A clerk of an invited unit sees it but does not organise it; another unit's clerk is not invited.
    expect(await call('d02.clerk', 'PATCH', `/api/meetings/${id}`, { title: 'Không được sửa' })).toMatchObject({ status: 403, body: { code: 'meeting.not_organiser' } });
    expect(await call('d01.clerk', 'PATCH', `/api/meetings/${id}`, { title: 'Không được sửa' })).toMatchObject({ status: 403, body: { code: 'meeting.not_invited' } });
    expect(await call('d02.clerk', 'POST', `/api/meetings/${id}/cancel`)).toMatchObject({ status: 403, body: { code: 'meeting.not_organiser' } });
    expect(await call('city.member', 'PATCH', `/api/meetings/${id}`, { title: 'Không được sửa' })).toMatchObject({ status: 403, body: { code: 'auth.forbidden_role' } });
    // The chair organises only through the role of his unit: a leader of the organising unit may.
    expect(await call('city.leader', 'PATCH', `/api/meetings/${id}`, { title: 'Lãnh đạo sửa tên' })).toMatchObject({ status: 200 });

    // Chair and secretary: the organising unit's active accounts, two different people; units within scope.
    const d01Member = await dir.user('d01.member');
    const cityLeader = await dir.user('city.leader');
    expect(await call('city.clerk', 'PATCH', `/api/meetings/${id}`, { secretaryId: d01Member })).toMatchObject({ status: 400, body: { code: 'meeting.invalid_secretary' } });
    expect(await call('city.clerk', 'PATCH', `/api/meetings/${id}`, { secretaryId: cityLeader })).toMatchObject({ status: 400, body: { code: 'meeting.invalid_secretary' } });
    expect(await call('city.clerk', 'PATCH', `/api/meetings/${id}`, { chairId: d01Member })).toMatchObject({ status: 400, body: { code: 'meeting.invalid_chair' } });
    const d01Clerk = await as('d01.clerk');
    const own = await d01Clerk.post('/api/meetings', { title: 'Giao ban quận', startsAt, chairId: await dir.user('d01.leader') });
    const ownId = ((await own.json()) as MeetingCreated).id;
    expect(await call('d01.clerk', 'PATCH', `/api/meetings/${ownId}`, { invitedUnitIds: [dir.unit('d02')] })).toMatchObject({ status: 403, body: { code: 'auth.forbidden_scope' } });
    expect(await call('d01.clerk', 'PATCH', `/api/meetings/${ownId}`, { title: 'x' })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(await call('d01.clerk', 'PATCH', '/api/meetings/00000000-0000-4000-8000-000000000000', {})).toMatchObject({ status: 404, body: { code: 'meeting.not_found' } });
  });

  it('cancels a draft or scheduled meeting: invitees see it cancelled and its room stays shut', async () => {
    const id = await create();
    expect(await call('city.clerk', 'POST', `/api/meetings/${id}/cancel`, { reason: 'Trùng lịch họp của Thành uỷ' })).toMatchObject({
      status: 200,
      body: { status: 'cancelled', cancelReason: 'Trùng lịch họp của Thành uỷ', actions: [] },
    });
    expect(await call('c0101.member', 'GET', `/api/meetings/${id}`)).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    const member = await clients.connect('c0101.member');
    const caps = await member.ok('getRouterRtpCapabilities', { meetingId: id });
    expect(await member.request('join', { meetingId: id, rtpCapabilities: caps as unknown as Record<string, unknown> })).toMatchObject({
      ok: false,
      error: { code: 'meeting.cancelled' },
    });
    for (const [method, path] of [
      ['PATCH', ''],
      ['POST', '/cancel'],
    ] as const) {
      expect(await call('city.clerk', method, `/api/meetings/${id}${path}`, {})).toMatchObject({ status: 409, body: { code: 'meeting.not_editable', meetingStatus: 'cancelled' } });
    }
    expect(await call('city.clerk', 'POST', `/api/meetings/${id}/publish`)).toMatchObject({ status: 409, body: { code: 'meeting.not_draft' } });
    // Without a body (no reason given).
    const plain = await create();
    const res = await dir.clerk.request('POST', `/api/meetings/${plain}/cancel`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'cancelled', cancelReason: null });

    // A cancelled draft was never published: invitees still know nothing of it.
    const draft = await create({ status: 'draft' });
    expect(await call('city.clerk', 'POST', `/api/meetings/${draft}/cancel`)).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(await call('c0101.member', 'GET', `/api/meetings/${draft}`)).toMatchObject({ status: 404, body: { code: 'meeting.not_found' } });
    expect(await listed('c0101.member', draft)).toBe(false);
  });

  it('lets only the chair end a live meeting, which closes the room for everyone, and only the secretary or organisers close it', async () => {
    const id = await create();
    expect(await call('city.leader', 'POST', `/api/meetings/${id}/end`)).toMatchObject({ status: 409, body: { code: 'meeting.not_live', meetingStatus: 'scheduled' } });
    expect(await call('city.member', 'POST', `/api/meetings/${id}/close`)).toMatchObject({ status: 409, body: { code: 'meeting.not_ended' } });

    const chair = await clients.connect('city.leader');
    const member = await clients.connect('d01.member');
    await chair.joinMeeting(id);
    await member.joinMeeting(id);
    expect((await call('city.leader', 'GET', `/api/meetings/${id}`)).body).toMatchObject({ status: 'live', actions: ['end'] });

    // A live meeting is ended, not cancelled or edited.
    expect(await call('city.clerk', 'POST', `/api/meetings/${id}/cancel`)).toMatchObject({ status: 409, body: { code: 'meeting.not_editable', meetingStatus: 'live' } });
    expect(await call('city.clerk', 'PATCH', `/api/meetings/${id}`, { startsAt })).toMatchObject({ status: 409, body: { code: 'meeting.not_editable' } });
    for (const who of ['d01.member', 'city.clerk', 'city.member']) {
      expect(await call(who, 'POST', `/api/meetings/${id}/end`)).toMatchObject({ status: 403, body: { code: 'meeting.not_chair' } });
    }
    expect(await call('d02.clerk', 'POST', `/api/meetings/${id}/end`)).toMatchObject({ status: 403, body: { code: 'meeting.not_invited' } });

    const ended = await call('city.leader', 'POST', `/api/meetings/${id}/end`);
    // The chair is a leader of the organising unit, so he may close it too.
    expect(ended).toMatchObject({ status: 200, body: { status: 'ended', actions: ['close'] } });
    expect(ended.body.endedAt).not.toBeNull();
    expect(await member.next('closed')).toEqual({ reason: 'meeting-ended' });
    expect(await chair.next('closed')).toEqual({ reason: 'meeting-ended' });
    expect(t.server.app.media.rooms.get(id)).toBeUndefined();
    // Attendance closes with the meeting: nobody is still counted present.
    const sheet = (await call('city.leader', 'GET', `/api/meetings/${id}/attendance`)).body as unknown as AttendanceSheet;
    expect(sheet.quorum.presentPeople).toBe(0);
    expect(sheet.attendees.map((a) => [a.unit.code, a.present, a.sessions.every((s) => s.leftAt !== null)])).toEqual([
      ['HN', false, true],
      ['d01', false, true],
    ]);
    expect(await member.request('createTransport', { direction: 'send' })).toMatchObject({ ok: false, error: { code: 'media.not_joined' } });
    const late = await clients.connect('c0101.member');
    const caps = await late.ok('getRouterRtpCapabilities', { meetingId: id });
    expect(await late.request('join', { meetingId: id, rtpCapabilities: caps as unknown as Record<string, unknown> })).toMatchObject({ ok: false, error: { code: 'meeting.ended' } });
    expect(await call('city.leader', 'POST', `/api/meetings/${id}/end`)).toMatchObject({ status: 409, body: { code: 'meeting.not_live' } });

    // Close: the secretary (a member of the organising unit) or its clerks and leaders; nobody else.
    expect((await call('city.member', 'GET', `/api/meetings/${id}`)).body.actions).toEqual(['close']);
    expect(await call('d01.member', 'POST', `/api/meetings/${id}/close`)).toMatchObject({ status: 403, body: { code: 'meeting.not_secretary' } });
    expect(await call('d01.clerk', 'POST', `/api/meetings/${id}/close`)).toMatchObject({ status: 403, body: { code: 'meeting.not_secretary' } });
    const closed = await call('city.member', 'POST', `/api/meetings/${id}/close`);
    expect(closed).toMatchObject({ status: 200, body: { status: 'closed', actions: [] } });
    expect(closed.body.closedAt).not.toBeNull();
    expect(await call('city.member', 'POST', `/api/meetings/${id}/close`)).toMatchObject({ status: 409, body: { code: 'meeting.not_ended', meetingStatus: 'closed' } });
    expect(await call('city.clerk', 'PATCH', `/api/meetings/${id}`, { title: 'Sau khi đóng' })).toMatchObject({ status: 409, body: { code: 'meeting.not_editable' } });
  });

  it('lets an organiser close an ended meeting that has no secretary, and filters the list by time and status', async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000);
    const id = await create({ secretaryId: null, startsAt: soon.toISOString(), title: 'Họp không có thư ký' });
    const chair = await clients.connect('city.leader');
    await chair.joinMeeting(id);
    await call('city.leader', 'POST', `/api/meetings/${id}/end`);
    expect(await call('city.clerk', 'POST', `/api/meetings/${id}/close`)).toMatchObject({ status: 200, body: { status: 'closed' } });

    const clerk = await as('city.clerk');
    const window = (from: number, to: number) =>
      `since=${encodeURIComponent(new Date(soon.getTime() + from).toISOString())}&until=${encodeURIComponent(new Date(soon.getTime() + to).toISOString())}`;
    const around = await clerk.json<MeetingSummary[]>(`/api/meetings?${window(-60_000, 60_000)}`);
    expect(around.map((m) => m.id)).toEqual([id]);
    expect(await clerk.json<MeetingSummary[]>(`/api/meetings?${window(60_000, 120_000)}`)).toEqual([]);
    expect((await clerk.json<MeetingSummary[]>(`/api/meetings?${window(-60_000, 60_000)}&status=closed&status=ended`)).map((m) => m.id)).toEqual([id]);
    expect(await clerk.json<MeetingSummary[]>(`/api/meetings?${window(-60_000, 60_000)}&status=scheduled`)).toEqual([]);
    const all = await clerk.json<MeetingSummary[]>('/api/meetings?status=cancelled');
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((m) => m.status === 'cancelled')).toBe(true);
    expect((await clerk.get('/api/meetings?status=unknown')).status).toBe(400);
  });
});
