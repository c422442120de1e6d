// The meeting routes on both databases: who may schedule, whom a meeting is visible to
// (chair, organiser unit, invited units alone or with their subtree), and refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Home } from '../../src/contract/home.ts';
import type { MeetingCreated, MeetingDetail, MeetingSummary } from '../../src/contract/meetings.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { demoDirectory } from '../helpers/meetings.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';

describe(`meetings API (${databaseKind})`, () => {
  let t: TestServer;
  let dir: Awaited<ReturnType<typeof demoDirectory>>;
  const as = async (username: string) => {
    const c = new ApiClient(t.url, 'en');
    expect((await c.login(username, DEMO_PASSWORD)).status).toBe(200);
    return c;
  };
  const startsAt = new Date(Date.now() + 86_400_000).toISOString();

  beforeAll(async () => {
    t = await startTestServer();
    dir = await demoDirectory(t.url);
  });
  afterAll(() => t?.close());

  it('lets a clerk schedule a meeting of his unit, visible to the invited subtree only', async () => {
    const body = {
      title: 'Họp triển khai kế hoạch chuyển đổi số',
      startsAt,
      invitedUnitIds: [dir.unit('d01')],
      includeSubunits: true,
      chairId: await dir.user('city.leader'),
    };
    const created = await dir.clerk.post('/api/meetings', body);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as MeetingCreated;

    // The commune of d01 is in the invited subtree; d02 is not.
    const commune = await as('c0101.member');
    const list = await commune.json<MeetingSummary[]>('/api/meetings');
    expect(list.map((m) => m.id)).toContain(id);
    const detail = await commune.json<MeetingDetail>(`/api/meetings/${id}`);
    expect(detail).toMatchObject({ myRole: 'participant', organiserUnit: { code: 'HN' }, invitedUnits: [{ code: 'd01', includeSubunits: true }] });
    const home = await commune.json<Home>('/api/home');
    expect(home.upcomingMeetings.map((m) => m.id)).toContain(id);

    const outsider = await as('d02.member');
    expect((await outsider.json<MeetingSummary[]>('/api/meetings')).map((m) => m.id)).not.toContain(id);
    const refused = await outsider.get(`/api/meetings/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await refused.json()).toMatchObject({ code: 'meeting.not_invited' });

    // The chair and the organiser unit see it with their role.
    expect(await (await as('city.leader')).json(`/api/meetings/${id}`)).toMatchObject({ myRole: 'chair' });
    expect(await dir.clerk.json(`/api/meetings/${id}`)).toMatchObject({ myRole: 'organiser' });
    expect(await (await as('city.member')).json(`/api/meetings/${id}`)).toMatchObject({ myRole: 'participant' });
  });

  it('without includeSubunits invites the unit alone', async () => {
    const res = await dir.clerk.post('/api/meetings', { title: 'Giao ban quận', startsAt, invitedUnitIds: [dir.unit('d01')], chairId: await dir.user('city.leader') });
    const { id } = (await res.json()) as MeetingCreated;
    expect((await (await as('d01.member')).get(`/api/meetings/${id}`)).status).toBe(200);
    expect((await (await as('c0101.member')).get(`/api/meetings/${id}`)).status).toBe(403);
  });

  it('refuses members, units outside the caller’s subtree, chairs of other units and bad input', async () => {
    const chairId = await dir.user('city.leader');
    const member = await as('city.member');
    expect(await (await member.post('/api/meetings', { title: 'Không được', startsAt, chairId })).json()).toMatchObject({ code: 'auth.forbidden_role' });

    const district = await as('d01.clerk');
    const outside = await district.post('/api/meetings', { title: 'Mời quận khác', startsAt, invitedUnitIds: [dir.unit('d02')], chairId: await dir.user('d01.leader') });
    expect(outside.status).toBe(403);
    expect(await outside.json()).toMatchObject({ code: 'auth.forbidden_scope' });
    const foreignChair = await district.post('/api/meetings', { title: 'Chủ trì sai', startsAt, chairId });
    expect(await foreignChair.json()).toMatchObject({ status: 400, code: 'meeting.invalid_chair' });
    const otherOrganiser = await district.post('/api/meetings', { title: 'Đơn vị khác', startsAt, chairId, organiserUnitId: dir.unit('HN') });
    expect(await otherOrganiser.json()).toMatchObject({ status: 403, code: 'meeting.not_organiser' });
    const missing = await dir.clerk.post('/api/meetings', { title: 'Đơn vị không có', startsAt, chairId, invitedUnitIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(await missing.json()).toMatchObject({ status: 400, code: 'meeting.invalid_units' });
    const invalid = await dir.clerk.post('/api/meetings', { title: 'x', startsAt: 'tomorrow', chairId: 'me' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'validation_failed' });

    // Input Postgres would refuse (NUL), titles that show nothing, and instants out of any sane range (issue 9.7).
    for (const [field, body] of [
      ['body.title', { title: 'Họp\u0000giao ban', startsAt, chairId }],
      ['body.title', { title: '\u200b\u200b\u200b', startsAt, chairId }],
      ['body.startsAt', { title: 'Năm một', startsAt: '0001-01-01T00:00:00Z', chairId }],
      ['body.startsAt', { title: 'Năm 9999', startsAt: '9999-12-31T23:59:59Z', chairId }],
    ] as const) {
      const res = await dir.clerk.post('/api/meetings', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field }] });
    }
    expect((await member.get('/api/meetings?since=0001-01-01T00:00:00Z')).status).toBe(400);

    const unknown = await member.get('/api/meetings/00000000-0000-4000-8000-000000000000');
    expect(await unknown.json()).toMatchObject({ status: 404, code: 'meeting.not_found' });
    expect((await new ApiClient(t.url).get('/api/meetings')).status).toBe(401);
  });

  it('lets a district leader schedule for his district and invite its communes', async () => {
    const leader = await as('d01.leader');
    const res = await leader.post('/api/meetings', {
      title: 'Họp trực tuyến quận với các phường',
      startsAt,
      invitedUnitIds: [dir.unit('d01')],
      includeSubunits: true,
      chairId: await dir.user('d01.leader'),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as MeetingCreated;
    expect((await (await as('c0101.member')).get(`/api/meetings/${id}`)).status).toBe(200);
    expect((await (await as('city.member')).get(`/api/meetings/${id}`)).status).toBe(403);
  });
});
