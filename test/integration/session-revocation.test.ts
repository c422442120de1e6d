// Sessions end everywhere (issue 9.5): signing out, a session's expiry and an administrator's
// lock disconnect the sockets concerned at once, and they leave their meeting room for good.
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../src/auth/sessions.table.ts';
import { createUser } from '../../src/auth/users.service.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { createCityMeeting, demoDirectory } from '../helpers/meetings.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { SignallingClient } from '../helpers/signalling-client.ts';

describe(`sessions end everywhere (${databaseKind})`, () => {
  let t: TestServer;
  let meetingId: string;
  let dir: Awaited<ReturnType<typeof demoDirectory>>;
  const open: SignallingClient[] = [];

  const signIn = async (username: string) => {
    const api = new ApiClient(t.url, 'en');
    expect((await api.login(username, DEMO_PASSWORD)).status).toBe(200);
    return api;
  };
  const socketOf = async (api: ApiClient) => {
    const c = await SignallingClient.withCookie(t.url, api.sessionCookie ?? '');
    open.push(c);
    return c;
  };
  /** Resolves with the reason when the socket is disconnected, or rejects after `ms`. */
  const disconnected = (c: SignallingClient, ms = 3_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('still connected')), ms);
      c.socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });

  beforeAll(async () => {
    t = await startTestServer();
    meetingId = await createCityMeeting(t.url, { invite: ['d01', 'd02'] });
    dir = await demoDirectory(t.url);
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await t?.close();
  });

  it('signing out disconnects that session’s sockets at once, and they leave the room for good', async () => {
    const chair = await socketOf(await signIn('city.leader'));
    await chair.joinMeeting(meetingId);
    const memberApi = await signIn('d01.member');
    const member = await socketOf(memberApi);
    await member.joinMeeting(meetingId);
    // Another session of the same account (a second tablet) stays.
    const otherTablet = await socketOf(await signIn('d01.member'));
    const memberId = await dir.user('d01.member');

    const gone = disconnected(member);
    const left = chair.next('participantLeft', (d) => d.userId === memberId, 3_000);
    expect((await memberApi.post('/api/auth/logout')).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    // Not kept for a reconnect (15 s): the others see the participant leave now.
    await left;
    expect(otherTablet.socket.connected).toBe(true);
    // The session cannot come back to join or create transports.
    await expect(SignallingClient.withCookie(t.url, memberApi.sessionCookie ?? 'ecabinet_session=gone')).rejects.toThrow('auth.unauthenticated');
  });

  it('a session’s sockets are disconnected when it expires', async () => {
    const api = await signIn('d02.member');
    const token = decodeURIComponent((api.sessionCookie ?? '').split('=')[1] ?? '');
    const id = createHash('sha256').update(token).digest('hex');
    await t.server.database.db.update(sessions).set({ expiresAt: sql`now() + interval '2 seconds'` }).where(eq(sessions.tokenHash, id));
    const c = await socketOf(api);
    await c.joinMeeting(meetingId);
    expect(await disconnected(c, 5_000)).toBe('io server disconnect');
    expect((await api.get('/api/me')).status).toBe(401);
  });

  it('an administrator’s lock disconnects every session of the account; unlocking lets it sign in again', async () => {
    const admin = await signIn('admin');
    const first = await signIn('d02.leader');
    const second = await signIn('d02.leader');
    const a = await socketOf(first);
    const b = await socketOf(second);
    await a.joinMeeting(meetingId);
    const userId = await dir.user('d02.leader');

    const goneA = disconnected(a);
    const goneB = disconnected(b);
    const locked = await admin.post(`/api/admin/users/${userId}/lock`);
    expect(locked.status).toBe(200);
    expect(await locked.json()).toEqual({ id: userId, locked: true });
    expect(await goneA).toBe('io server disconnect');
    expect(await goneB).toBe('io server disconnect');
    expect((await first.get('/api/me')).status).toBe(401);
    const refused = await new ApiClient(t.url, 'en').login('d02.leader', DEMO_PASSWORD);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'auth.account_disabled' });
    // A wrong password does not learn that the account exists and is locked.
    expect(await (await new ApiClient(t.url).login('d02.leader', 'wrong')).json()).toMatchObject({ code: 'auth.invalid_credentials' });

    const unlocked = await admin.post(`/api/admin/users/${userId}/unlock`);
    expect(await unlocked.json()).toEqual({ id: userId, locked: false });
    expect((await new ApiClient(t.url).login('d02.leader', DEMO_PASSWORD)).status).toBe(200);
    // The old sessions stay ended.
    expect((await second.get('/api/me')).status).toBe(401);
  });

  it('locks accounts only for admins, within their unit subtree, never their own', async () => {
    const cityMember = await dir.user('city.member');
    const d01Member = await dir.user('d01.member');
    await createUser(t.server.database.db, { unitId: dir.unit('d01'), username: 'd01.admin', fullName: 'Quản trị quận', roles: ['admin'], password: DEMO_PASSWORD });
    const districtAdmin = await signIn('d01.admin');
    const clerk = await signIn('city.clerk');

    expect(await (await clerk.post(`/api/admin/users/${d01Member}/lock`)).json()).toMatchObject({ status: 403, code: 'auth.forbidden_role' });
    expect(await (await districtAdmin.post(`/api/admin/users/${cityMember}/lock`)).json()).toMatchObject({ status: 403, code: 'auth.forbidden_scope' });
    const me = (await districtAdmin.json<{ id: string }>('/api/me')).id;
    expect(await (await districtAdmin.post(`/api/admin/users/${me}/lock`)).json()).toMatchObject({ status: 409, code: 'user.cannot_lock_self' });
    expect(await (await districtAdmin.post('/api/admin/users/00000000-0000-4000-8000-000000000000/lock')).json()).toMatchObject({ status: 404, code: 'user.not_found' });
    expect(await (await districtAdmin.post('/api/admin/users/not-a-uuid/lock')).json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await new ApiClient(t.url).post(`/api/admin/users/${d01Member}/lock`)).status).toBe(401);

    expect((await districtAdmin.post(`/api/admin/users/${d01Member}/lock`)).status).toBe(200);
    expect((await new ApiClient(t.url).login('d01.member', DEMO_PASSWORD)).status).toBe(403);
    expect((await districtAdmin.post(`/api/admin/users/${d01Member}/unlock`)).status).toBe(200);
  });
});
