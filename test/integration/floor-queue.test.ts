// The floor queue against the real server, mediasoup worker and database, with participants
// that speak socket.io but not WebRTC: hands served in order, the chair's grant to the first or
// to anyone, the holder on stage and heard alone with the chair (enforced by the room's
// policy, whatever clients send), revoke and next, hands lowered by hand or by leaving, a
// client that tries to take the floor itself refused, and requests sent at once keeping one queue.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloorState } from '../../src/contract/floor.ts';
import { floorRequests } from '../../src/floor/floor.table.ts';
import { databaseKind } from '../helpers/database.ts';
import { createCityMeeting, demoDirectory } from '../helpers/meetings.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { fakeRtpParameters, signallingClients, type SignallingClient } from '../helpers/signalling-client.ts';

const CHAIR = 'city.leader';
const A = 'd01.member';
const B = 'd02.member';
const C = 'd01.leader';

describe(`floor queue (${databaseKind})`, () => {
  let t: TestServer;
  let meetingId: string;
  const ids: Record<string, string> = {};
  const clients = signallingClients(() => t.url);
  const people: Record<string, { c: SignallingClient; mic: string }> = {};

  const joinAndSend = async (username: string) => {
    const c = await clients.connect(username);
    const { send } = await c.joinMeeting(meetingId);
    const mic = await c.ok('produce', { transportId: send.id, kind: 'audio', source: 'mic', rtpParameters: fakeRtpParameters('audio') });
    await c.ok('produce', { transportId: send.id, kind: 'video', source: 'camera', rtpParameters: fakeRtpParameters('video') });
    people[username] = { c, mic: mic.producerId };
    return c;
  };
  const client = (username: string) => (people[username] as { c: SignallingClient }).c;
  const queueOf = (s: FloorState) => s.queue.map((q) => q.userId);
  const floorSeen = (username: string, match: (s: FloorState) => boolean) => client(username).next('floorUpdated', match);
  /** The consumer `viewer` has of `speaker`'s microphone, if the room gives them one now. */
  const hears = (viewer: string, speaker: string): boolean => {
    const c = client(viewer);
    const added = c.notifications.flatMap((n) => (n.method === 'consumerAdded' && n.data.producerId === people[speaker]?.mic ? [n.data.consumerId] : []));
    const closed = new Set(c.notifications.flatMap((n) => (n.method === 'consumerClosed' ? [n.data.consumerId] : [])));
    return added.some((id) => !closed.has(id));
  };
  const eventually = async (check: () => boolean, what: string) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(check(), what).toBe(true);
  };

  beforeAll(async () => {
    // Three audible speakers: before the floor everyone in this small meeting hears everyone.
    t = await startTestServer({ MEDIA_AUDIBLE_SPEAKERS: '3' });
    meetingId = await createCityMeeting(t.url, { invite: ['d01', 'd02'] });
    const dir = await demoDirectory(t.url);
    for (const u of [CHAIR, A, B, C]) ids[u] = await dir.user(u);
    for (const u of [CHAIR, A, B, C]) await joinAndSend(u);
  });
  afterAll(async () => {
    clients.closeAll();
    await t?.close();
  });

  it('serves hands in order; the chair grants the first or anyone; the holder is on stage and heard alone with the chair', async () => {
    await eventually(() => hears(B, C) && hears(C, B) && hears(A, CHAIR), 'before the floor, everyone hears everyone');
    for (const u of [A, B, C]) await client(u).ok('raiseHand', { meetingId });
    // Raising again keeps the place.
    const again = await client(A).ok('raiseHand', { meetingId });
    expect(queueOf(again)).toEqual([ids[A], ids[B], ids[C]]);
    // Everyone in the meeting sees the same queue, pushed.
    const seen = await floorSeen(CHAIR, (s) => s.queue.length === 3);
    expect(seen).toMatchObject({ meetingId, holder: null });
    expect(queueOf(seen)).toEqual([ids[A], ids[B], ids[C]]);
    expect(seen.queue[0]).toMatchObject({ fullName: 'Vũ Thị Hồng', unit: { code: 'd01' } });

    // The first in the queue.
    const granted = await client(CHAIR).ok('grantFloor', { meetingId });
    expect(granted.holder).toMatchObject({ userId: ids[A] });
    expect(Date.now() - Date.parse(granted.holder?.grantedAt ?? '')).toBeLessThan(5000);
    expect(queueOf(granted)).toEqual([ids[B], ids[C]]);
    expect((await client(B).next('roomUpdated', (r) => r.stageUserId === ids[A])).stageUserId).toBe(ids[A]);
    // The holder and the chair are heard; B and C no longer hear each other, whatever they send.
    await eventually(() => !hears(B, C) && !hears(C, B), 'others are out of the audible set while A holds the floor');
    expect(hears(B, A) && hears(B, CHAIR) && hears(A, CHAIR) && hears(CHAIR, A)).toBe(true);
    await client(C).ok('resumeProducer', { producerId: people[C]?.mic as string });
    await new Promise((r) => setTimeout(r, 300));
    expect(hears(B, C)).toBe(false);

    // Anyone in the queue: C before B.
    const toC = await client(CHAIR).ok('grantFloor', { meetingId, requestId: granted.queue[1]?.requestId as string });
    expect(toC.holder?.userId).toBe(ids[C]);
    expect(queueOf(toC)).toEqual([ids[B]]);
    // Next: B; then revoke: nobody, the chair back on stage and the speakers heard again.
    expect((await client(CHAIR).ok('nextFloor', { meetingId })).holder?.userId).toBe(ids[B]);
    const revoked = await client(CHAIR).ok('revokeFloor', { meetingId });
    expect(revoked).toEqual({ meetingId, holder: null, queue: [] });
    await client(A).next('roomUpdated', (r) => r.stageUserId === ids[CHAIR]);
    await eventually(() => hears(B, C), 'with the floor free, active speakers are heard again');

    const log = await t.server.database.db
      .select({ userId: floorRequests.userId, status: floorRequests.status })
      .from(floorRequests)
      .where(eq(floorRequests.meetingId, meetingId))
      .orderBy(floorRequests.grantedAt);
    expect(log).toEqual([
      { userId: ids[A], status: 'done' },
      { userId: ids[C], status: 'done' },
      { userId: ids[B], status: 'revoked' },
    ]);
  });

  it('refuses a member who tries to take the floor: grant, revoke, next and the stage are the chair’s', async () => {
    await client(A).ok('raiseHand', { meetingId });
    const mine = await client(A).ok('getFloor', { meetingId });
    const requestId = mine.queue[0]?.requestId as string;
    for (const attempt of [
      client(A).request('grantFloor', { meetingId }),
      client(A).request('grantFloor', { meetingId, requestId }),
      client(B).request('grantFloor', { meetingId, requestId }),
      client(A).request('nextFloor', { meetingId }),
      client(A).request('revokeFloor', { meetingId }),
      client(A).request('setStage', { userId: ids[A] as string }),
    ]) {
      expect(await attempt).toMatchObject({ ok: false, error: { code: 'meeting.not_chair' } });
    }
    expect(await client(A).ok('getFloor', { meetingId })).toMatchObject({ holder: null, queue: [{ userId: ids[A] }] });
    // Not the stage either, in the room.
    expect(client(B).notifications.filter((n) => n.method === 'roomUpdated').at(-1)).toMatchObject({ data: { stageUserId: ids[CHAIR] } });
    // A user outside the invited units cannot even read the queue, nor raise a hand.
    const outsider = await clients.connect('c0101.member');
    expect(await outsider.request('getFloor', { meetingId })).toMatchObject({ ok: false, error: { code: 'meeting.not_invited' } });
    expect(await outsider.request('raiseHand', { meetingId })).toMatchObject({ ok: false, error: { code: 'meeting.not_invited' } });
    // Invited but not in the room: no hand.
    const away = await clients.connect('d02.leader');
    expect(await away.request('raiseHand', { meetingId })).toMatchObject({ ok: false, error: { code: 'attendance.not_present' } });
    // Lowering one's hand; a grant with nobody waiting or to a request no longer waiting is refused.
    expect((await client(A).ok('lowerHand', { meetingId })).queue).toEqual([]);
    expect(await client(CHAIR).request('grantFloor', { meetingId })).toMatchObject({ ok: false, error: { code: 'floor.queue_empty' } });
    expect(await client(CHAIR).request('grantFloor', { meetingId, requestId })).toMatchObject({ ok: false, error: { code: 'floor.not_waiting' } });
  });

  it('lets a holder of a muted-all meeting speak, and mutes him again when the floor ends', async () => {
    await client(CHAIR).ok('muteAll', { muted: true });
    await client(A).next('mutedByChair', (d) => d.muted);
    expect(await client(A).request('resumeProducer', { producerId: people[A]?.mic as string })).toMatchObject({ ok: false, error: { code: 'meeting.muted_by_chair' } });
    await client(A).ok('raiseHand', { meetingId });
    const before = client(A).notifications.length;
    await client(CHAIR).ok('grantFloor', { meetingId });
    await client(A).next('mutedByChair', (d) => !d.muted);
    await client(A).ok('resumeProducer', { producerId: people[A]?.mic as string });
    await client(CHAIR).ok('nextFloor', { meetingId });
    const after = () => client(A).notifications.slice(before).filter((n) => n.method === 'mutedByChair');
    await eventually(() => after().length === 2, 'muted again after the floor');
    expect(after().map((n) => n.data)).toEqual([{ muted: false }, { muted: true }]);
    await client(CHAIR).ok('muteAll', { muted: false });
  });

  it('lowers the hand of someone who leaves, and ends their floor', async () => {
    await client(B).ok('raiseHand', { meetingId });
    await client(C).ok('raiseHand', { meetingId });
    await client(CHAIR).ok('grantFloor', { meetingId });
    expect((await client(CHAIR).ok('getFloor', { meetingId })).holder?.userId).toBe(ids[B]);
    await client(C).ok('leave', {});
    const afterC = await floorSeen(CHAIR, (s) => s.queue.length === 0 && s.holder?.userId === ids[B]);
    expect(afterC.holder?.userId).toBe(ids[B]);
    await client(B).ok('leave', {});
    await floorSeen(CHAIR, (s) => s.holder === null);
    await client(A).next('roomUpdated', (r) => r.stageUserId === ids[CHAIR]);
    // They come back for the next test.
    for (const u of [B, C]) await joinAndSend(u);
  });

  it('keeps one queue and one holder under raises and grants sent at once', async () => {
    // Every participant raises three times at once, from two sockets for A (a second tab).
    const tab = await clients.connect(A);
    const raises = [A, B, C, CHAIR].flatMap((u) => [0, 1, 2].map(() => client(u).request('raiseHand', { meetingId })));
    raises.push(tab.request('raiseHand', { meetingId }));
    for (const ack of await Promise.all(raises)) expect(ack.ok).toBe(true);
    const state = await client(CHAIR).ok('getFloor', { meetingId });
    expect(new Set(queueOf(state)).size).toBe(4);
    expect(state.queue).toHaveLength(4);
    // The chair's grants, nexts and revokes at once: one holder at every moment, never two.
    const moves = await Promise.all([
      ...state.queue.map((q) => client(CHAIR).request('grantFloor', { meetingId, requestId: q.requestId })),
      client(CHAIR).request('nextFloor', { meetingId }),
      client(CHAIR).request('grantFloor', { meetingId }),
    ]);
    expect(moves.filter((m) => m.ok).length).toBeGreaterThan(0);
    for (const m of moves) if (!m.ok) expect(['floor.not_waiting', 'floor.queue_empty']).toContain(m.error.code);
    const rows = await t.server.database.db
      .select({ status: floorRequests.status })
      .from(floorRequests)
      .where(and(eq(floorRequests.meetingId, meetingId), eq(floorRequests.status, 'speaking')));
    expect(rows.length).toBeLessThanOrEqual(1);
    const after = await client(CHAIR).ok('getFloor', { meetingId });
    expect(after.holder === null ? 0 : 1).toBe(rows.length);
    // Every request is in exactly one place: held, waiting, or done.
    const waiting = queueOf(after);
    expect(new Set(waiting).size).toBe(waiting.length);
    tab.close();
  });
});
