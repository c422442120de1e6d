// In-app notifications on both databases: who is told when a meeting is published (or created
// scheduled), rescheduled, re-invited and cancelled; the push reaching a connected socket of a
// real login; the list, unread count and marking read; and a city-wide invitation reaching
// thousands of accounts.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/auth/users.table.ts';
import type { MeetingCreated } from '../../src/contract/meetings.ts';
import type { NotificationItem, NotificationList } from '../../src/contract/notifications.ts';
import { notifications } from '../../src/notifications/notifications.table.ts';
import { units } from '../../src/org/units.table.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { demoDirectory } from '../helpers/meetings.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { SignallingClient, signallingClients } from '../helpers/signalling-client.ts';

describe(`notifications (${databaseKind})`, () => {
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
  const mine = async (username: string) => (await as(username)).json<NotificationList>('/api/notifications');
  const about = async (username: string, meetingId: string): Promise<NotificationItem[]> =>
    (await mine(username)).items.filter((n) => n.meetingId === meetingId);
  const schedule = async (body: Record<string, unknown>): Promise<string> => {
    const res = await dir.clerk.post('/api/meetings', {
      title: 'Họp triển khai công tác phòng chống lụt bão',
      startsAt,
      invitedUnitIds: [dir.unit('d01')],
      includeSubunits: true,
      chairId: await dir.user('city.leader'),
      ...body,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as MeetingCreated).id;
  };

  beforeAll(async () => {
    t = await startTestServer();
    dir = await demoDirectory(t.url);
    sessions.set('city.clerk', dir.clerk);
  });
  afterAll(async () => {
    clients.closeAll();
    await t?.close();
  });

  it('tells every invitee of a scheduled meeting at once, live on their socket, and nobody else', async () => {
    const commune = await clients.connect('c0101.member');
    const outsider = await clients.connect('d02.member');
    const id = await schedule({ secretaryId: await dir.user('city.member') });

    const pushed = await commune.next('notification', (n) => n.meetingId === id);
    expect(pushed).toMatchObject({
      kind: 'meeting.invited',
      meetingId: id,
      readAt: null,
      payload: { title: 'Họp triển khai công tác phòng chống lụt bão', organiserUnit: 'UBND Thành phố Hà Nội' },
    });
    expect(new Date(pushed.kind === 'meeting.invited' ? pushed.payload.startsAt : '').getTime()).toBe(new Date(startsAt).getTime());

    // Invited: the district and its commune (subtree), the organising unit's staff, the chair and secretary.
    for (const who of ['c0101.member', 'd01.member', 'd01.clerk', 'd01.leader', 'city.leader', 'city.member']) {
      expect((await about(who, id)).map((n) => n.kind)).toEqual(['meeting.invited']);
    }
    // Not invited, or the one who scheduled it.
    for (const who of ['d02.member', 'city.clerk']) expect(await about(who, id)).toEqual([]);
    expect(outsider.notifications.filter((n) => n.method === 'notification')).toEqual([]);

    const list = await mine('c0101.member');
    expect(list.items[0]).toEqual(pushed);
    expect(list.unread).toBe(1);
  });

  it('tells nobody of a draft, and the invitees when it is published', async () => {
    const id = await schedule({ status: 'draft' });
    expect(await about('c0101.member', id)).toEqual([]);
    expect(await about('city.leader', id)).toEqual([]);
    const commune = await clients.connect('c0101.member');
    expect((await dir.clerk.post(`/api/meetings/${id}/publish`)).status).toBe(200);
    expect(await commune.next('notification', (n) => n.meetingId === id)).toMatchObject({ kind: 'meeting.invited' });
    expect((await about('d01.member', id)).map((n) => n.kind)).toEqual(['meeting.invited']);
  });

  it('tells those still invited of a new time, the newly invited of the meeting, and those dropped that they are', async () => {
    const id = await schedule({});
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const res = await dir.clerk.request('PATCH', `/api/meetings/${id}`, { startsAt: later, invitedUnitIds: [dir.unit('d01'), dir.unit('d02')], includeSubunits: false });
    expect(res.status).toBe(200);

    const [rescheduled] = await about('d01.member', id);
    expect(rescheduled).toMatchObject({ kind: 'meeting.rescheduled' });
    if (rescheduled?.kind !== 'meeting.rescheduled') throw new Error('not a reschedule');
    expect(new Date(rescheduled.payload.previousStartsAt).getTime()).toBe(new Date(startsAt).getTime());
    expect(new Date(rescheduled.payload.startsAt).getTime()).toBe(new Date(later).getTime());
    expect((await about('d01.member', id)).map((n) => n.kind)).toEqual(['meeting.rescheduled', 'meeting.invited']);
    // The commune was reached through the subtree, which is no longer invited.
    expect((await about('c0101.member', id)).map((n) => n.kind)).toEqual(['meeting.uninvited', 'meeting.invited']);
    expect((await about('d02.member', id)).map((n) => n.kind)).toEqual(['meeting.invited']);

    // A change of title alone tells nobody; a new time alone tells everyone invited.
    await dir.clerk.request('PATCH', `/api/meetings/${id}`, { title: 'Tên mới của cuộc họp' });
    expect(await about('d02.member', id)).toHaveLength(1);
    const evenLater = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect((await dir.clerk.request('PATCH', `/api/meetings/${id}`, { startsAt: evenLater })).status).toBe(200);
    for (const who of ['d02.member', 'd01.member', 'city.member']) {
      const [latest] = await about(who, id);
      expect(latest).toMatchObject({ kind: 'meeting.rescheduled', payload: { title: 'Tên mới của cuộc họp' } });
    }
    expect((await about('c0101.member', id)).map((n) => n.kind)).toEqual(['meeting.uninvited', 'meeting.invited']);

    const d02 = await clients.connect('d02.member');
    expect((await dir.clerk.post(`/api/meetings/${id}/cancel`, { reason: 'Thay đổi kế hoạch' })).status).toBe(200);
    expect(await d02.next('notification', (n) => n.meetingId === id && n.kind === 'meeting.cancelled')).toMatchObject({
      payload: { title: 'Tên mới của cuộc họp', reason: 'Thay đổi kế hoạch' },
    });
    expect((await about('city.leader', id)).map((n) => n.kind)).toEqual(['meeting.cancelled', 'meeting.rescheduled', 'meeting.rescheduled', 'meeting.invited']);
    expect(await about('city.clerk', id)).toEqual([]);
  });

  it('marks some or all of one’s own notifications read, and tells one’s other sockets', async () => {
    const api = await as('d01.leader');
    const before = await mine('d01.leader');
    expect(before.unread).toBeGreaterThanOrEqual(2);
    const otherTab = await SignallingClient.withCookie(t.url, api.sessionCookie ?? '');
    try {
      const first = before.items[0]?.id as string;
      // Someone else's id changes nothing of theirs.
      const stranger = await as('d01.member');
      const theirs = await mine('d01.member');
      expect(await (await stranger.post('/api/notifications/read', { ids: [first] })).json()).toEqual({ unread: theirs.unread });
      expect((await mine('d01.leader')).unread).toBe(before.unread);

      expect(await (await api.post('/api/notifications/read', { ids: [first] })).json()).toEqual({ unread: before.unread - 1 });
      expect(await otherTab.next('notificationsRead')).toEqual({ unread: before.unread - 1 });
      const after = await mine('d01.leader');
      expect(after.items[0]?.readAt).not.toBeNull();
      expect(after.items[1]?.readAt).toBeNull();

      expect(await (await api.post('/api/notifications/read', { all: true })).json()).toEqual({ unread: 0 });
      expect((await mine('d01.leader')).items.every((n) => n.readAt !== null)).toBe(true);
      expect((await mine('d01.member')).unread).toBe(theirs.unread);
    } finally {
      otherTab.close();
    }
    for (const body of [{}, { ids: [] }, { ids: ['nope'] }, { all: false }]) {
      const res = await api.post('/api/notifications/read', body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'validation_failed' });
    }
    expect((await api.get('/api/notifications?limit=1000')).status).toBe(400);
    expect((await api.json<NotificationList>('/api/notifications?limit=1')).items).toHaveLength(1);
    expect((await new ApiClient(t.url).get('/api/notifications')).status).toBe(401);
  });

  it('reaches every active account of a city-wide meeting (thousands) and no disabled one', async () => {
    const { db } = t.server.database;
    // 5 accounts in each of the ~600 units, written directly (no password hashing needed: they never sign in).
    const allUnits = await db.select({ id: units.id, code: units.code }).from(units);
    const extra = allUnits.flatMap((u) =>
      Array.from({ length: 5 }, (_, i) => ({
        unitId: u.id,
        username: `bulk.${u.code}.${i}`,
        fullName: `Cán bộ ${i + 1} ${u.code}`,
        roles: ['member' as const],
        passwordHash: 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        disabled: i === 4,
      })),
    );
    for (let i = 0; i < extra.length; i += 500) await db.insert(users).values(extra.slice(i, i + 500));
    const [{ active } = { active: 0 }] = await db.select({ active: sql<number>`count(*)::int` }).from(users).where(sql`not ${users.disabled}`);
    expect(active).toBeGreaterThan(2000);

    const started = performance.now();
    const id = await schedule({ invitedUnitIds: [dir.unit('HN')], includeSubunits: true, title: 'Hội nghị trực tuyến toàn thành phố' });
    const elapsed = performance.now() - started;

    const [counts] = await db
      .select({ n: sql<number>`count(*)::int`, disabled: sql<number>`(count(*) filter (where ${users.disabled}))::int` })
      .from(notifications)
      .innerJoin(users, sql`${users.id} = ${notifications.userId}`)
      .where(sql`${notifications.meetingId} = ${id}`);
    // Everyone active but the clerk who scheduled it (the admin account belongs to the city too).
    expect(counts).toEqual({ n: active - 1, disabled: 0 });
    // Generous for a shared CI machine; a query per invitee would take far longer on PGlite.
    expect(elapsed).toBeLessThan(15_000);
  });
});
