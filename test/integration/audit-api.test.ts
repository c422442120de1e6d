// The audit log wired into the server: sign-ins, sign-outs, meetings created, joins and leaves
// become events; admins read those of their unit subtree and run the verification over HTTP;
// anyone holding the events can recompute the chain from the JSON alone.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashedText, GENESIS_HASH } from '../../src/audit/index.ts';
import { createUser } from '../../src/auth/index.ts';
import type { AuditEvent, AuditPage, ChainReport } from '../../src/contract/audit.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { createCityMeeting, demoDirectory } from '../helpers/meetings.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { signallingClients } from '../helpers/signalling-client.ts';

describe(`audit API and wiring (${databaseKind})`, () => {
  let t: TestServer;
  let cityAdmin: ApiClient;
  let districtAdmin: ApiClient;
  let unitOf: (code: string) => string;
  let userOf: (username: string) => Promise<string>;
  const clients = signallingClients(() => t.url);

  const page = async (api: ApiClient, query = ''): Promise<AuditPage> => {
    const res = await api.get(`/api/audit${query}`);
    if (res.status !== 200) throw new Error(`GET /api/audit${query} → ${res.status}: ${await res.text()}`);
    return (await res.json()) as AuditPage;
  };
  /** Every event the admin may read, oldest first. */
  const everything = async (api: ApiClient): Promise<AuditEvent[]> => {
    const events: AuditEvent[] = [];
    for (let before: number | null | undefined; before !== null; ) {
      const p = await page(api, `?limit=50${before ? `&before=${before}` : ''}`);
      events.push(...p.events);
      before = p.nextBefore;
    }
    return events.reverse();
  };
  /** Fire-and-forget events land a moment after the fact. */
  const eventually = async (api: ApiClient, query: string, match: (e: AuditEvent) => boolean): Promise<AuditEvent> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = (await page(api, query)).events.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no event matching ${query}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    t = await startTestServer();
    const dir = await demoDirectory(t.url);
    unitOf = dir.unit;
    userOf = dir.user;
    await createUser(t.server.database.db, { unitId: unitOf('d01'), username: 'd01.admin', fullName: 'Quản trị Ba Đình', roles: ['admin'], password: DEMO_PASSWORD });
    cityAdmin = new ApiClient(t.url, 'en');
    districtAdmin = new ApiClient(t.url, 'en');
    expect((await cityAdmin.login('admin', DEMO_PASSWORD)).status).toBe(200);
    expect((await districtAdmin.login('d01.admin', DEMO_PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    clients.closeAll();
    await t?.close();
  });

  it('records a sign-in, a sign-out and refused sign-ins, with who, for which unit, and from where', async () => {
    const member = new ApiClient(t.url);
    expect((await member.login('d01.member', DEMO_PASSWORD)).status).toBe(200);
    expect((await member.post('/api/auth/logout')).status).toBe(204);
    expect((await new ApiClient(t.url).login('d01.member', 'wrong')).status).toBe(401);
    expect((await new ApiClient(t.url).login('Nobody.Here', 'wrong')).status).toBe(401);

    const memberId = await userOf('d01.member');
    const d01 = unitOf('d01');
    const { events } = await page(cityAdmin, `?subjectKind=user&subjectId=${memberId}`);
    expect(events.map((e) => e.action)).toEqual(['auth.login_failed', 'auth.logout', 'auth.login']);
    const [failed, logout, login] = events;
    expect(login).toMatchObject({ actor: { userId: memberId, unitId: d01 }, subject: { kind: 'user', id: memberId }, details: { ip: '127.0.0.1' } });
    expect(logout).toMatchObject({ actor: { userId: memberId, unitId: d01 }, details: { ip: '127.0.0.1' } });
    expect(failed).toMatchObject({ actor: { userId: null, unitId: d01 }, details: { username: 'd01.member', reason: 'wrong_password' } });
    const unknown = (await page(cityAdmin, '?action=auth.login_failed')).events.find((e) => e.details.username === 'nobody.here');
    expect(unknown).toMatchObject({ actor: { userId: null, unitId: null }, subject: null, details: { reason: 'unknown_user' } });
  });

  it('records each failed sign-in with its reason; an attempt held back by the throttle checks nothing and records nothing', async () => {
    const api = new ApiClient(t.url);
    for (let i = 0; i < 5; i++) await api.login('d02.member', 'wrong');
    expect((await api.login('d02.member', DEMO_PASSWORD)).status).toBe(429);
    const reasons = (await page(cityAdmin, `?action=auth.login_failed&subjectId=${await userOf('d02.member')}`)).events.map((e) => e.details.reason);
    expect(reasons).toEqual(['wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'wrong_password']);
  });

  it('records a meeting created, and a participant joining and leaving its room', async () => {
    const meetingId = await createCityMeeting(t.url, { invite: ['d01'] });
    const created = await page(cityAdmin, `?action=meeting.create&subjectId=${meetingId}`);
    expect(created.events).toMatchObject([{ actor: { userId: await userOf('city.clerk'), unitId: unitOf('HN') }, subject: { kind: 'meeting', id: meetingId }, details: { invitedUnits: 1 } }]);

    const member = await clients.connect('d01.member');
    await member.joinMeeting(meetingId, 'tablet');
    await member.ok('leave', {});
    const memberId = await userOf('d01.member');
    const query = `?subjectKind=meeting&subjectId=${meetingId}&actorUserId=${memberId}`;
    await eventually(cityAdmin, query, (e) => e.action === 'meeting.leave');
    const attendance = (await page(cityAdmin, query)).events.reverse();
    expect(attendance.map((e) => [e.action, e.details])).toEqual([
      ['meeting.join', { device: 'tablet' }],
      ['meeting.leave', {}],
    ]);
    expect(attendance[0]?.actor).toEqual({ userId: memberId, unitId: unitOf('d01') });
  });

  it('shows an admin the events of actors in their unit subtree only', async () => {
    const d01 = unitOf('d01');
    const seen = await everything(districtAdmin);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((e) => e.actor.unitId))).toEqual(new Set([d01]));
    // The city's events (the meeting created by the city clerk) and failures under unknown names are not theirs.
    expect(seen.some((e) => e.action === 'meeting.create')).toBe(false);
    expect(seen.some((e) => e.details.reason === 'unknown_user')).toBe(false);

    const outside = await districtAdmin.get(`/api/audit?unitId=${unitOf('HN')}`);
    expect(outside.status).toBe(403);
    expect(await outside.json()).toMatchObject({ code: 'auth.forbidden_scope' });
    const otherDistrict = await districtAdmin.get(`/api/audit?unitId=${unitOf('d02')}`);
    expect(otherDistrict.status).toBe(403);

    // The city admin may narrow to a district, and then sees exactly what the district admin sees.
    const narrowed = (await page(cityAdmin, `?unitId=${d01}&limit=500`)).events;
    expect(narrowed.map((e) => e.seq)).toEqual([...seen].reverse().map((e) => e.seq));

    const member = new ApiClient(t.url);
    await member.login('city.member', DEMO_PASSWORD);
    const refused = await member.get('/api/audit');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'auth.forbidden_role' });
    expect((await member.get('/api/audit/verify')).status).toBe(403);
    expect((await new ApiClient(t.url).get('/api/audit')).status).toBe(401);
    expect((await cityAdmin.get('/api/audit?limit=501')).status).toBe(400);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const spec = (await (await fetch(`${t.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/audit', '/api/audit/verify']));
  });

  it('pages newest first with before/nextBefore', async () => {
    const first = await page(cityAdmin, '?limit=3');
    expect(first.events).toHaveLength(3);
    const seqs = first.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const second = await page(cityAdmin, `?limit=3&before=${first.nextBefore}`);
    expect(second.events[0]?.seq).toBe((first.events[2]?.seq ?? 0) - 1);
  });

  it('returns what the chain is made of: the JSON alone recomputes every hash and link', async () => {
    const events = await everything(cityAdmin);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    let prevHash = GENESIS_HASH;
    for (const e of events) {
      const text = hashedText({
        seq: e.seq,
        at: new Date(e.at),
        actorUserId: e.actor.userId,
        actorUnitId: e.actor.unitId,
        action: e.action,
        subjectKind: e.subject?.kind ?? null,
        subjectId: e.subject?.id ?? null,
        details: e.details,
        prevHash: e.prevHash,
      });
      expect(createHash('sha256').update(text).digest('hex'), `event ${e.seq}`).toBe(e.hash);
      expect(e.prevHash, `event ${e.seq}`).toBe(prevHash);
      prevHash = e.hash;
    }
  });

  it('verifies the chain over HTTP and names the first broken link', async () => {
    const res = await cityAdmin.get('/api/audit/verify');
    expect(res.status).toBe(200);
    const intact = (await res.json()) as ChainReport;
    expect(intact).toMatchObject({ ok: true, firstBreak: null });
    expect(intact.checked).toBe(intact.head.seq);
    expect(intact.head.seq).toBeGreaterThan(10);

    await t.server.database.db.execute(sql`update audit_events set details = '{"ip": "10.0.0.1"}' where seq = 3`);
    const broken = (await (await cityAdmin.get('/api/audit/verify')).json()) as ChainReport;
    expect(broken).toMatchObject({ ok: false, checked: 2, firstBreak: { seq: 3, kind: 'hash_mismatch' } });
  });
});
