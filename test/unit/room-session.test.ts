// The web room session across reconnects, with a fake server and fake media (no browser, no
// WebRTC): a lost socket or a failed ICE restart ends in a new join that sends what the user
// had switched on — a muted microphone stays muted, a camera that was off stays off, and a
// toggle made while reconnecting is what the new join sends.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestError } from '../../web/src/features/meeting-room/request-error.ts';
import { RoomSession } from '../../web/src/features/meeting-room/room-session.ts';
import { ICE_RESTART_GRACE_MS } from '../../web/src/features/meeting-room/transport-watch.ts';
import { consumer, FakeLocalMedia, fakeMediaOpener, FakeSignalling, MEETING_ID, settle, t } from './room-fakes.ts';

function newSession(o: { mic?: boolean; camera?: boolean } = {}) {
  const client = new FakeSignalling();
  const media = fakeMediaOpener();
  const local = new FakeLocalMedia();
  let wake = (): void => {};
  const session = new RoomSession({
    meetingId: MEETING_ID,
    t,
    local,
    initial: { mic: o.mic ?? true, camera: o.camera ?? true },
    device: 'tablet',
    client,
    openMedia: media,
    networkWake: (onWake) => {
      wake = onWake;
      return () => (wake = () => {});
    },
  });
  return { session, client, media, local, wake: () => wake() };
}

/** The socket drops and comes back; resolves once the session joined again. */
async function reconnect(client: FakeSignalling, media: ReturnType<typeof fakeMediaOpener>): Promise<void> {
  const joins = media.opened.length;
  client.drop();
  await settle();
  client.up();
  await vi.waitFor(() => expect(media.opened.length).toBe(joins + 1));
  await settle();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('RoomSession', () => {
  it('joins: sends microphone and camera, then says connected', async () => {
    const { session, client, media } = newSession();
    await session.start();
    expect(client.requests.map((r) => r.method)).toEqual(['getRouterRtpCapabilities', 'join', 'createTransport', 'createTransport', 'produce', 'produce']);
    expect(client.sent('join')[0]).toMatchObject({ meetingId: MEETING_ID, device: 'tablet' });
    expect(media.latest.sending).toEqual(['mic', 'camera']);
    expect(session.store.status).toBe('connected');
  });

  it('a muted microphone comes back muted after a reconnect', async () => {
    const { session, client, media } = newSession();
    await session.start();
    await session.setMic(false);
    await reconnect(client, media);
    expect(media.opened[0]?.closed).toBe(true);
    expect(media.latest.sending).toEqual(['camera']);
    expect(session.store.local.mic).toBe(false);
    expect(session.store.status).toBe('connected');
  });

  it('a camera switched off comes back off after a reconnect, its light still off', async () => {
    const { session, client, media, local } = newSession();
    await session.start();
    await session.setCamera(false);
    await reconnect(client, media);
    expect(media.latest.sending).toEqual(['mic']);
    expect(local.camera).toBeNull();
    expect(local.opens).toBe(0);
    expect(session.store.local.camera).toBe(false);
  });

  it('toggles made while the socket is down are what the new join sends', async () => {
    const { session, client, media } = newSession({ mic: false });
    await session.start();
    expect(media.latest.sending).toEqual(['camera']);
    client.reachable = false;
    client.drop();
    await settle();
    expect(session.store.status).toBe('reconnecting');
    await session.setCamera(false);
    await session.setMic(true);
    expect(session.store.local).toMatchObject({ mic: true, camera: false });
    client.reachable = true;
    client.up();
    await vi.waitFor(() => expect(media.opened).toHaveLength(2));
    await vi.waitFor(() => expect(session.store.status).toBe('connected'));
    expect(media.latest.sending).toEqual(['mic']);
  });

  it('a camera switched off during the rejoin itself stays off', async () => {
    const { session, client, media } = newSession();
    await session.start();
    client.drop();
    await settle();
    let release = (): void => {};
    // The next join's producers wait on the server; the user taps camera off meanwhile.
    const gate = new Promise<void>((resolve) => (release = resolve));
    const rejoined = vi.waitFor(() => expect(media.opened).toHaveLength(2));
    client.up();
    await rejoined;
    media.latest.produceGate = gate;
    await vi.waitFor(() => expect(client.sent('createTransport')).toHaveLength(4));
    await settle();
    await session.setCamera(false);
    release();
    await vi.waitFor(() => expect(session.store.status).toBe('connected'));
    expect(media.latest.sending).toEqual(['mic']);
  });

  it('notifications of the previous join are dropped; the new join starts from the server state', async () => {
    const { session, client, media } = newSession();
    await session.start();
    client.notify({ method: 'consumerAdded', data: consumer('old') });
    await settle();
    expect([...session.store.media.keys()]).toEqual(['old']);
    client.notify({ method: 'rejoin', data: { reason: 'media-restart' } });
    await vi.waitFor(() => expect(media.opened).toHaveLength(2));
    await vi.waitFor(() => expect(session.store.status).toBe('connected'));
    expect(session.store.media.size).toBe(0);
    client.notify({ method: 'consumerAdded', data: consumer('new') });
    await settle();
    expect([...session.store.media.keys()]).toEqual(['new']);
    expect(media.opened[0]?.consumed).toEqual(['old']);
  });

  it('a failed transport gets an ICE restart; connected again within the grace period, no rejoin', async () => {
    vi.useFakeTimers();
    const { session, client, media } = newSession();
    await session.start();
    const first = media.latest;
    first.transport('send', 'connected');
    first.transport('recv', 'connected');
    first.transport('send', 'failed');
    expect(session.store.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(0);
    expect(first.restarts).toEqual(['send']);
    first.transport('send', 'connected');
    expect(session.store.status).toBe('connected');
    await vi.advanceTimersByTimeAsync(ICE_RESTART_GRACE_MS * 2);
    expect(media.opened).toHaveLength(1);
    expect(client.sent('join')).toHaveLength(1);
  });

  it('an ICE restart that does not reconnect in time ends in a rejoin that keeps the toggles', async () => {
    vi.useFakeTimers();
    const { session, media } = newSession();
    await session.start();
    await session.setMic(false);
    media.latest.transport('send', 'failed');
    await vi.advanceTimersByTimeAsync(ICE_RESTART_GRACE_MS + 10);
    expect(media.opened).toHaveLength(2);
    expect(media.opened[0]?.closed).toBe(true);
    expect(media.latest.sending).toEqual(['camera']);
    expect(session.store.status).toBe('connected');
  });

  it('a rejoin the server refuses for good ends the session with its message', async () => {
    const { session, client } = newSession();
    await session.start();
    client.answers.join = () => Promise.reject(new RequestError('meeting.ended', 'The meeting has ended'));
    client.drop();
    await settle();
    client.up();
    await vi.waitFor(() => expect(session.store.status).toBe('closed'));
    expect(session.store).toMatchObject({ endReason: 'error', endMessage: 'The meeting has ended' });
    expect(session.ended).toBe(true);
    expect(client.closed).toBe(true);
  });

  it('leaving tells the server, stops the tracks and closes the socket', async () => {
    const { session, client, local } = newSession();
    await session.start();
    const mic = local.mic;
    session.leave();
    await settle();
    expect(client.sent('leave')).toHaveLength(1);
    expect(mic?.readyState).toBe('ended');
    expect(client.closed).toBe(true);
    expect(session.store.endReason).toBe('left');
  });

  it('the network coming back skips the back-off', async () => {
    const { session, client, wake } = newSession();
    await session.start();
    client.reachable = false;
    client.drop();
    await settle();
    client.reachable = true;
    wake();
    await vi.waitFor(() => expect(session.store.status).toBe('connected'));
  });
});
