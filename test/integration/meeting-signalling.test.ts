// The signalling protocol against the real server, a real mediasoup worker and the database,
// with participants that speak socket.io but not WebRTC: admission, the big-meeting policy,
// moderation enforced on the server, and reconnection as the same identity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsumerInfo } from '../../src/contract/realtime.ts';
import { MAX_TRANSPORTS } from '../../src/media/index.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { createCityMeeting, demoDirectory } from '../helpers/meetings.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { fakeRtpParameters, SignallingClient, signallingClients } from '../helpers/signalling-client.ts';

describe(`meeting signalling (${databaseKind})`, () => {
  let t: TestServer;
  let meetingId: string;
  let ids: Record<string, string>;
  const clients = signallingClients(() => t.url);
  const connect = clients.connect;
  /** Joins and sends a microphone and a simulcast camera. */
  const joinAndSend = async (username: string) => {
    const c = await connect(username);
    const { send, joined } = await c.joinMeeting(meetingId);
    const mic = await c.ok('produce', { transportId: send.id, kind: 'audio', source: 'mic', rtpParameters: fakeRtpParameters('audio') });
    const camera = await c.ok('produce', { transportId: send.id, kind: 'video', source: 'camera', rtpParameters: fakeRtpParameters('video') });
    return { c, joined, mic, camera };
  };
  const consumerOf = (c: SignallingClient, userId: string, source: string): Promise<ConsumerInfo> =>
    c.next('consumerAdded', (d) => d.userId === userId && d.source === source);

  beforeAll(async () => {
    t = await startTestServer();
    meetingId = await createCityMeeting(t.url, { invite: ['d01', 'd02'] });
    const dir = await demoDirectory(t.url);
    ids = Object.fromEntries(
      await Promise.all(['city.leader', 'd01.member', 'd02.member', 'city.member'].map(async (u) => [u, await dir.user(u)] as const)),
    );
  });
  afterAll(async () => {
    clients.closeAll();
    await t?.close();
  });

  it('refuses a socket without a session', async () => {
    await expect(SignallingClient.withCookie(t.url, 'ecabinet_session=forged')).rejects.toThrow('auth.unauthenticated');
  });

  it('refuses users of units that were not invited, and malformed requests', async () => {
    const outsider = await connect('c0101.member'); // a commune of d01: d01 was invited without its subunits
    const refused = await outsider.request('join', { meetingId, rtpCapabilities: { codecs: [] } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'meeting.not_invited' } });
    expect(await outsider.request('getRouterRtpCapabilities', { meetingId })).toMatchObject({ ok: false, error: { code: 'meeting.not_invited' } });
    // Watching a meeting (its pushes without media) is checked like joining.
    expect(await outsider.request('watchMeeting', { meetingId })).toMatchObject({ ok: false, error: { code: 'meeting.not_invited' } });
    const invited = await connect('d01.member');
    expect(await invited.request('watchMeeting', { meetingId })).toEqual({ ok: true, data: {} });
    const bad = (await outsider.socket.timeout(5000).emitWithAck('request', { method: 'join', data: { meetingId: 'nope' } })) as { ok: boolean; error: { code: string; message: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(bad.error.message).toContain('invalid');
    // A device name Postgres would refuse (NUL) is refused at validation, not by the database.
    const nulDevice = await invited.request('join', { meetingId, rtpCapabilities: { codecs: [] }, device: 'tab\u0000let' });
    expect(nulDevice).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await outsider.request('createTransport', { direction: 'send' })).toMatchObject({ ok: false, error: { code: 'media.not_joined' } });
  });

  it('answers in the language chosen in the app, over the browser’s Accept-Language', async () => {
    const api = new ApiClient(t.url, 'en');
    await api.login('c0101.member', DEMO_PASSWORD);
    const vi = await SignallingClient.withCookie(t.url, api.sessionCookie ?? '', 'en', 'vi');
    const refused = await vi.request('join', { meetingId, rtpCapabilities: { codecs: [] } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'meeting.not_invited', message: 'Bạn không có trong danh sách được mời tham dự cuộc họp này.' } });
    vi.close();
  });

  it('sends each participant the stage, thumbnails and audio of the others, and enforces the chair’s moderation', async () => {
    const chair = await joinAndSend('city.leader');
    const a = await joinAndSend('d01.member');
    const b = await joinAndSend('d02.member');
    expect(b.joined.participants.map((p) => p.username)).toEqual(['city.leader', 'd01.member', 'd02.member']);
    expect(b.joined.room.stageUserId).toBe(ids['city.leader']);

    // The chair is on stage (top layer) for the others; the rest are thumbnails; everyone hears everyone.
    const bSeesChair = await consumerOf(b.c, ids['city.leader'] as string, 'camera');
    expect(bSeesChair.role).toBe('stage');
    const bSeesA = await consumerOf(b.c, ids['d01.member'] as string, 'camera');
    expect(bSeesA.role).toBe('thumbnail');
    const bHearsA = await consumerOf(b.c, ids['d01.member'] as string, 'mic');
    expect(bHearsA.role).toBe('audio');
    await consumerOf(chair.c, ids['d02.member'] as string, 'mic');
    await b.c.ok('resumeConsumer', { consumerId: bHearsA.consumerId });

    // A member cannot moderate.
    expect(await a.c.request('mute', { userId: ids['d02.member'] as string })).toMatchObject({ ok: false, error: { code: 'meeting.not_chair' } });

    // The chair mutes A: A is told, A's microphone is paused on the server, and A cannot resume it.
    await chair.c.ok('mute', { userId: ids['d01.member'] as string });
    expect(await a.c.next('mutedByChair', (d) => d.muted)).toEqual({ muted: true });
    await b.c.next('consumerPaused', (d) => d.consumerId === bHearsA.consumerId);
    const resumed = await a.c.request('resumeProducer', { producerId: a.mic.producerId });
    expect(resumed).toMatchObject({ ok: false, error: { code: 'meeting.muted_by_chair' } });
    expect(await b.c.next('participantUpdated', (d) => d.userId === ids['d01.member'] && d.mutedByChair)).toMatchObject({ sending: { mic: false } });

    // Let A speak again: A may resume the microphone himself.
    await chair.c.ok('unmute', { userId: ids['d01.member'] as string });
    await a.c.next('mutedByChair', (d) => !d.muted);
    await a.c.ok('resumeProducer', { producerId: a.mic.producerId });
    await b.c.next('consumerResumed', (d) => d.consumerId === bHearsA.consumerId);

    // Senders hear how much of their camera anyone receives: the chair's is on stage (top
    // layer), A's only a thumbnail, so A's browser need not encode the upper layers.
    expect(await chair.c.next('producerDemand', (d) => d.producerId === chair.camera.producerId)).toMatchObject({ spatialLayer: 2 });
    expect(await a.c.next('producerDemand', (d) => d.producerId === a.camera.producerId)).toMatchObject({ spatialLayer: 0 });

    // A takes the floor: the others' consumer of A's camera moves to the stage, the chair's to a thumbnail.
    await chair.c.ok('setStage', { userId: ids['d01.member'] as string });
    expect(await a.c.next('producerDemand', (d) => d.producerId === a.camera.producerId && d.spatialLayer === 2, 1000)).toBeDefined();
    expect(await b.c.next('consumerUpdated', (d) => d.consumerId === bSeesA.consumerId)).toMatchObject({ role: 'stage' });
    expect(await b.c.next('consumerUpdated', (d) => d.consumerId === bSeesChair.consumerId)).toMatchObject({ role: 'thumbnail' });
    expect((await b.c.next('roomUpdated', (d) => d.stageUserId === ids['d01.member'])).stageUserId).toBe(ids['d01.member']);
    // Less demand is told only once it has lasted (2 s), so paging does not make encoders flap.
    const lowered = Date.now();
    await chair.c.next('producerDemand', (d) => d.producerId === chair.camera.producerId && d.spatialLayer === 0, 5000);
    expect(Date.now() - lowered).toBeGreaterThanOrEqual(1500);
    await chair.c.ok('setStage', { userId: null });

    // B reconnects on a new socket as the same account: the old one is told it was replaced,
    // the others see B updated, never a second B.
    const before = chair.c.notifications.filter((n) => n.method === 'participantJoined').length;
    const b2 = await connect('d02.member');
    const again = await b2.joinMeeting(meetingId);
    expect(await b.c.next('closed')).toEqual({ reason: 'replaced' });
    expect(again.joined.participants.filter((p) => p.username === 'd02.member')).toHaveLength(1);
    expect(again.joined.participants).toHaveLength(3);
    await chair.c.next('participantUpdated', (d) => d.userId === ids['d02.member']);
    expect(chair.c.notifications.filter((n) => n.method === 'participantJoined').length).toBe(before);
    // B's old producers are gone for the others.
    await chair.c.next('consumerClosed', (d) => chair.c.notifications.some((n) => n.method === 'consumerAdded' && n.data.consumerId === d.consumerId && n.data.userId === ids['d02.member']));

    // Lock: someone invited but new is refused; those who were in may come back.
    await chair.c.ok('lock', { locked: true });
    const late = await connect('city.member');
    const refused = await late.request('join', { meetingId, rtpCapabilities: b.joined.room as unknown as Record<string, unknown> });
    expect(refused).toMatchObject({ ok: false, error: { code: 'meeting.locked' } });
    const a2 = await connect('d01.member');
    await a2.joinMeeting(meetingId);
    await chair.c.ok('lock', { locked: false });

    // Remove: the participant is told, leaves, and cannot come back.
    await chair.c.ok('removeParticipant', { userId: ids['d02.member'] as string });
    expect(await b2.next('closed')).toEqual({ reason: 'removed' });
    await chair.c.next('participantLeft', (d) => d.userId === ids['d02.member']);
    const b3 = await connect('d02.member');
    expect(await b3.request('join', { meetingId, rtpCapabilities: { codecs: [] } })).toMatchObject({ ok: false, error: { code: 'meeting.removed' } });
    expect(await chair.c.request('mute', { userId: ids['city.member'] as string })).toMatchObject({ ok: false, error: { code: 'meeting.not_participant' } });
  });

  it('applies the chair’s mute to every audio source of a participant: screen audio, existing and later, and mute-all', async () => {
    const meeting = await createCityMeeting(t.url, { invite: ['d01'] });
    const a = ids['d01.member'] as string;
    const chair = await connect('city.leader');
    await chair.joinMeeting(meeting);
    const member = await connect('d01.member');
    const { send } = await member.joinMeeting(meeting);
    const produceAudio = (source: 'mic' | 'screen-audio') => member.ok('produce', { transportId: send.id, kind: 'audio', source, rtpParameters: fakeRtpParameters('audio') });
    const refusedResume = (producerId: string) => member.request('resumeProducer', { producerId });

    // The member shares a screen with sound; the chair hears it. Then the chair mutes him.
    const screenAudio = await produceAudio('screen-audio');
    expect(screenAudio.paused).toBe(false);
    const heard = await chair.next('consumerAdded', (d) => d.producerId === screenAudio.producerId);
    expect(heard).toMatchObject({ userId: a, source: 'screen-audio', role: 'screen' });
    await chair.ok('mute', { userId: a });
    await chair.next('consumerPaused', (d) => d.consumerId === heard.consumerId);
    expect(await refusedResume(screenAudio.producerId)).toMatchObject({ ok: false, error: { code: 'meeting.muted_by_chair' } });

    // Audio produced while muted starts paused and stays so.
    const laterScreen = await produceAudio('screen-audio');
    const mic = await produceAudio('mic');
    expect([laterScreen.paused, mic.paused]).toEqual([true, true]);
    expect(await refusedResume(laterScreen.producerId)).toMatchObject({ ok: false, error: { code: 'meeting.muted_by_chair' } });

    // Let him speak: he resumes himself. Mute-all silences his screen audio again.
    await chair.ok('unmute', { userId: a });
    await member.ok('resumeProducer', { producerId: laterScreen.producerId });
    const heardLater = await chair.next('consumerAdded', (d) => d.producerId === laterScreen.producerId);
    await chair.next('consumerResumed', (d) => d.consumerId === heardLater.consumerId);
    await chair.ok('muteAll', { muted: true });
    await chair.next('consumerPaused', (d) => d.consumerId === heardLater.consumerId);
    expect(await refusedResume(laterScreen.producerId)).toMatchObject({ ok: false, error: { code: 'meeting.muted_by_chair' } });
    await chair.ok('muteAll', { muted: false });
  });

  it('holds every per-participant limit under requests sent at once', async () => {
    const meeting = await createCityMeeting(t.url, { invite: ['d01'] });
    const member = await connect('d01.member');
    const caps = await member.ok('getRouterRtpCapabilities', { meetingId: meeting });
    await member.ok('join', { meetingId: meeting, rtpCapabilities: caps as unknown as Record<string, unknown> });
    const userId = ids['d01.member'] as string;
    const peer = () => t.server.app.media.rooms.get(meeting)?.peer(userId);

    // 40 transports asked for at once: exactly the limit is made, the rest refused.
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => member.request('createTransport', { direction: i % 2 ? 'send' : 'recv' })));
    const made = answers.flatMap((a) => (a.ok ? [a.data.id] : []));
    expect(made).toHaveLength(MAX_TRANSPORTS);
    expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'media.limit')).toBe(true);
    expect(peer()?.transports.size).toBe(MAX_TRANSPORTS);

    // Ten cameras produced at once on one transport: one camera remains, the others are closed.
    const send = answers.find((a) => a.ok && peer()?.transports.get(a.data.id)?.appData.direction === 'send');
    if (!send?.ok) throw new Error('no send transport');
    const cameras = await Promise.all(Array.from({ length: 10 }, () => member.request('produce', { transportId: send.data.id, kind: 'video', source: 'camera', rtpParameters: fakeRtpParameters('video') })));
    expect(cameras.every((a) => a.ok)).toBe(true);
    const transport = peer()?.transports.get(send.data.id);
    const dump = (await transport?.dump()) as { producerIds: string[] } | undefined;
    expect(dump?.producerIds).toHaveLength(1);
    expect(dump?.producerIds[0]).toBe(peer()?.producers.get('camera')?.id);
    member.close();
  });
});
