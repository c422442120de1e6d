// The media plane across workers with real mediasoup: a room that outgrows a worker continues on
// another through pipeToRouter, a worker that dies is replaced and its room's participants are
// told to rejoin, and a dropped connection keeps its place for the grace period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from '../helpers/database.ts';
import { createCityMeeting, demoDirectory } from '../helpers/meetings.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { fakeRtpParameters, signallingClients, type SignallingClient } from '../helpers/signalling-client.ts';

describe(`media plane on two workers (${databaseKind})`, () => {
  let t: TestServer;
  let ids: Record<string, string>;
  const clients = signallingClients(() => t.url);
  const connect = clients.connect;
  const sendMedia = async (c: SignallingClient, transportId: string) => {
    await c.ok('produce', { transportId, kind: 'audio', source: 'mic', rtpParameters: fakeRtpParameters('audio') });
    await c.ok('produce', { transportId, kind: 'video', source: 'camera', rtpParameters: fakeRtpParameters('video') });
  };

  beforeAll(async () => {
    // Two consumers fill a worker, so the third participant lands on the second one.
    t = await startTestServer({ MEDIA_WORKERS: '2', MEDIA_CONSUMERS_PER_WORKER: '2', MEDIA_RECONNECT_GRACE_SECONDS: '2' });
    const dir = await demoDirectory(t.url);
    ids = Object.fromEntries(await Promise.all(['city.leader', 'd01.member', 'd02.member'].map(async (u) => [u, await dir.user(u)] as const)));
  });
  afterAll(async () => {
    clients.closeAll();
    await t?.close();
  });

  it('serves participants past the threshold from another worker, with the producers piped there', async () => {
    const meetingId = await createCityMeeting(t.url, { invite: ['d01', 'd02'] });
    const chair = await connect('city.leader');
    await sendMedia(chair, (await chair.joinMeeting(meetingId)).send.id);
    const a = await connect('d01.member');
    await a.joinMeeting(meetingId);
    await a.next('consumerAdded', (d) => d.source === 'camera');
    await a.next('consumerAdded', (d) => d.source === 'mic');
    const workers = t.server.app.media.workers.all;
    expect(workers.map((w) => w.consumers).sort()).toEqual([0, 2]);

    const b = await connect('d02.member');
    await b.joinMeeting(meetingId);
    const stage = await b.next('consumerAdded', (d) => d.userId === ids['city.leader'] && d.source === 'camera');
    expect(stage.role).toBe('stage');
    await b.next('consumerAdded', (d) => d.userId === ids['city.leader'] && d.source === 'mic');
    // Both workers now carry consumers: b's came from the chair's producers piped across.
    expect(workers.map((w) => w.consumers).sort()).toEqual([2, 2]);
    for (const c of [chair, a, b]) c.close();
  });

  it('replaces a worker that dies and tells its room to rejoin; the rejoin works', async () => {
    const meetingId = await createCityMeeting(t.url, { invite: ['d01'] });
    const chair = await connect('city.leader');
    await chair.joinMeeting(meetingId);
    // Kill every worker, so surely the one hosting the room.
    const before = t.server.app.media.workers.all;
    for (const w of before) process.kill(w.worker.pid, 'SIGKILL');
    expect(await chair.next('rejoin')).toEqual({ reason: 'media-restart' });
    await expect.poll(() => t.server.app.media.workers.all.filter((w) => !w.worker.closed && !before.includes(w)).length, { timeout: 10_000 }).toBe(2);
    const again = await connect('city.leader');
    const { joined } = await again.joinMeeting(meetingId);
    expect(joined.participants.map((p) => p.userId)).toEqual([ids['city.leader']]);
    again.close();
    chair.close();
  });

  it('keeps a dropped participant in place for the grace period, then lets the others see him leave', async () => {
    const meetingId = await createCityMeeting(t.url, { invite: ['d01'] });
    const chair = await connect('city.leader');
    await chair.joinMeeting(meetingId);
    const a = await connect('d01.member');
    await a.joinMeeting(meetingId);
    await chair.next('participantJoined', (d) => d.userId === ids['d01.member']);

    // Connection lost and back within the grace: one participant, updated, never "left".
    a.close();
    await new Promise((r) => setTimeout(r, 500));
    const a2 = await connect('d01.member');
    const { joined } = await a2.joinMeeting(meetingId);
    expect(joined.participants).toHaveLength(2);
    await chair.next('participantUpdated', (d) => d.userId === ids['d01.member']);
    expect(chair.notifications.some((n) => n.method === 'participantLeft')).toBe(false);

    // Lost for longer than the grace: the others see him leave.
    a2.close();
    const left = await chair.next('participantLeft', (d) => d.userId === ids['d01.member'], 5_000);
    expect(left.userId).toBe(ids['d01.member']);
    chair.close();
  });
});
