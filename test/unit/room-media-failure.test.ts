// Issue 9.11 in the web room, with a fake server and fake media (no browser): the room says
// "connected" only once its media transports are, and when the media cannot get through time
// after time (a blocked media port, an announced address the browser cannot reach) it stops
// repairing, says so, reports it to the server, and tries again only when asked.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_MEDIA_FAILURES } from '../../web/src/features/meeting-room/connection-recovery.ts';
import { RoomSession } from '../../web/src/features/meeting-room/room-session.ts';
import { CONNECT_TIMEOUT_MS, ICE_RESTART_GRACE_MS } from '../../web/src/features/meeting-room/transport-watch.ts';
import { consumer, FakeLocalMedia, fakeMediaOpener, FakeSignalling, MEETING_ID, participant, t, type NetworkBehaviour } from './room-fakes.ts';

const OTHER = '00000000-0000-4000-8000-0000000000bb';

function newSession(network: NetworkBehaviour = 'hangs') {
  const client = new FakeSignalling();
  const media = fakeMediaOpener({ network });
  const session = new RoomSession({
    meetingId: MEETING_ID,
    t,
    local: new FakeLocalMedia(),
    initial: { mic: true, camera: true },
    device: 'computer',
    client,
    openMedia: media,
    networkWake: () => () => {},
  });
  return { session, client, media };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('RoomSession when media cannot connect', () => {
  it('says connected only once the media transport is, not when the server answered', async () => {
    const { session, media } = newSession();
    await session.start();
    expect(media.latest.connectionState('send')).toBe('connecting');
    expect(session.store.status).toBe('connecting');
    media.latest.transport('send', 'connected');
    expect(session.store.status).toBe('connected');
  });

  it(`gives up after ${MAX_MEDIA_FAILURES} failures in a row: says why, reports it once, stops rejoining`, async () => {
    const { session, client, media } = newSession();
    await session.start();
    // Never connects: counted after the connect timeout, then an ICE restart that does not help,
    // then a rejoin whose transport does not connect either.
    await vi.advanceTimersByTimeAsync(CONNECT_TIMEOUT_MS);
    expect(media.latest.restarts).toEqual(['send']);
    expect(session.store.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(ICE_RESTART_GRACE_MS);
    expect(media.opened).toHaveLength(2);
    expect(session.store.status).not.toBe('connected');
    await vi.advanceTimersByTimeAsync(CONNECT_TIMEOUT_MS);
    expect(session.store.status).toBe('media-failed');
    expect(session.store.mediaFailure).toEqual({ serverAddress: '203.0.113.1 (UDP 40000, TCP 40000)' });
    expect(client.sent('reportMediaFailure')).toEqual([{ failures: 3, send: 'connecting', recv: 'new' }]);
    expect(media.latest.closed).toBe(true);
    expect(client.sent('closeProducer')).toHaveLength(2); // the others see microphone and camera off

    // No loop: a minute later nothing more was tried.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(media.opened).toHaveLength(2);
    expect(client.sent('join')).toHaveLength(2);
    expect(client.sent('reportMediaFailure')).toHaveLength(1);
    expect(session.store.status).toBe('media-failed');

    // Still in the meeting: the participant list keeps up.
    client.notify({ method: 'participantJoined', data: participant(OTHER) });
    expect(session.store.participants.has(OTHER)).toBe(true);

    // Try again, as the button does: a new join, and this time the media gets through.
    session.retryMedia();
    await vi.advanceTimersByTimeAsync(0);
    expect(media.opened).toHaveLength(3);
    expect(session.store.status).toBe('reconnecting');
    media.latest.transport('send', 'connected');
    expect(session.store.status).toBe('connected');
  });

  it("a transport that says nothing and then fails (Firefox with a loopback media address) ends in the same verdict", async () => {
    const { session, client, media } = newSession('stays-new');
    await session.start();
    // Firefox's transport is still 'new' when the join completes: nothing proven yet.
    expect(session.store.status).toBe('connecting');
    media.latest.transport('send', 'failed');
    await vi.advanceTimersByTimeAsync(0);
    media.latest.transport('send', 'failed'); // during the ICE restart: the same attempt
    await vi.advanceTimersByTimeAsync(ICE_RESTART_GRACE_MS);
    expect(media.opened).toHaveLength(2);
    expect(session.store.status).toBe('reconnecting');
    media.latest.transport('send', 'failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(session.store.status).toBe('media-failed');
    expect(client.sent('reportMediaFailure')).toEqual([{ failures: 3, send: 'failed', recv: 'new' }]);
  });

  it('failures that are not in a row do not add up: media that flowed in between resets the count', async () => {
    const { session, client, media } = newSession();
    await session.start();
    media.latest.transport('send', 'failed');
    await vi.advanceTimersByTimeAsync(0);
    media.latest.transport('send', 'connected'); // the ICE restart worked
    expect(session.store.status).toBe('connected');
    media.latest.transport('send', 'failed');
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(ICE_RESTART_GRACE_MS); // this restart did not
    expect(media.opened).toHaveLength(2);
    media.latest.transport('send', 'connected'); // the rejoin did
    await vi.advanceTimersByTimeAsync(60_000);
    expect(session.store.status).toBe('connected');
    expect(client.sent('reportMediaFailure')).toEqual([]);
  });

  it('both transports failing together count once', async () => {
    const { session, client, media } = newSession();
    await session.start();
    media.latest.transport('recv', 'connecting');
    media.latest.transport('send', 'failed');
    media.latest.transport('recv', 'failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(media.latest.restarts).toEqual(['send', 'recv']);
    await vi.advanceTimersByTimeAsync(ICE_RESTART_GRACE_MS);
    expect(media.opened).toHaveLength(2);
    expect(session.store.status).toBe('reconnecting');
    expect(client.sent('reportMediaFailure')).toEqual([]);
  });
});

describe('RoomSession with nothing to carry', () => {
  it('is connected without media, but that proves nothing: failures still add up', async () => {
    const client = new FakeSignalling();
    const media = fakeMediaOpener({ network: 'stays-new' });
    const session = new RoomSession({
      meetingId: MEETING_ID,
      t,
      local: new FakeLocalMedia({ mic: false, camera: false }),
      initial: { mic: false, camera: false },
      device: 'computer',
      client,
      openMedia: media,
      networkWake: () => () => {},
    });
    await session.start();
    expect(session.store.status).toBe('connected');
    // Someone starts sending; our receiving transport fails, and its ICE restart does not help.
    client.notify({ method: 'consumerAdded', data: consumer('c1') });
    await vi.advanceTimersByTimeAsync(0);
    media.latest.transport('recv', 'failed');
    await vi.advanceTimersByTimeAsync(ICE_RESTART_GRACE_MS);
    expect(media.opened).toHaveLength(2);
    // The new join carries nothing at first: "connected", and the count goes on.
    expect(session.store.status).toBe('connected');
    client.notify({ method: 'consumerAdded', data: consumer('c2') });
    await vi.advanceTimersByTimeAsync(0);
    media.latest.transport('recv', 'failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(session.store.status).toBe('media-failed');
  });
});
