// What the server pushes, applied to the web room's store (no DOM, no WebRTC): each
// notification lands once however often it arrives, consumer notifications keep the server's
// order around the asynchronous consume, and a finished join applies nothing more.
import { describe, expect, it } from 'vitest';
import { applyToStore, NotificationApplier, type StoreNotification } from '../../web/src/features/meeting-room/notification-applier.ts';
import { RoomStore, type Topic } from '../../web/src/features/meeting-room/room-store.ts';
import { consumer, FakeMedia, FakeSignalling, ME, participant, roomState, settle } from './room-fakes.ts';

const OTHER = '00000000-0000-4000-8000-0000000000bb';
const THIRD = '00000000-0000-4000-8000-0000000000cc';

function joinedStore(): RoomStore {
  const store = new RoomStore();
  store.applyJoin({ self: participant(ME, { isChair: true }), participants: [participant(OTHER)], room: roomState() });
  return store;
}

async function applierFor(store: RoomStore): Promise<{ applier: NotificationApplier; media: FakeMedia; client: FakeSignalling; resumed: string[] }> {
  const client = new FakeSignalling();
  client.up();
  const media = new FakeMedia(client, { onTransportState: () => {} });
  const resumed: string[] = [];
  const applier = new NotificationApplier({ store, media, transportsReady: media.createTransports(), resumeConsumer: (id) => resumed.push(id) });
  return { applier, media, client, resumed };
}

describe('applyToStore', () => {
  it('applies each room notification once, however often it arrives', () => {
    const once = joinedStore();
    const twice = joinedStore();
    once.addMedia(consumer('c1'), {} as MediaStreamTrack);
    twice.addMedia(consumer('c1'), {} as MediaStreamTrack);
    const notifications: StoreNotification[] = [
      { method: 'participantJoined', data: participant(THIRD) },
      { method: 'participantUpdated', data: participant(OTHER, { mutedByChair: true }) },
      { method: 'activeSpeaker', data: { userId: OTHER } },
      { method: 'roomUpdated', data: roomState({ stageUserId: OTHER, locked: true }) },
      { method: 'consumerPaused', data: { consumerId: 'c1' } },
      { method: 'consumerUpdated', data: { consumerId: 'c1', role: 'stage' } },
      { method: 'consumerLayersChanged', data: { consumerId: 'c1', spatialLayer: 2, temporalLayer: 2 } },
      { method: 'participantLeft', data: { userId: THIRD } },
    ];
    for (const n of notifications) applyToStore(once, n);
    for (const n of notifications) {
      applyToStore(twice, n);
      applyToStore(twice, n);
    }
    for (const store of [once, twice]) {
      expect([...store.participants.keys()]).toEqual([OTHER, ME]);
      expect(store.participant(OTHER)?.mutedByChair).toBe(true);
      expect(store.activeSpeaker).toBe(OTHER);
      expect(store.room?.stageUserId).toBe(OTHER);
      expect(store.media.get('c1')).toMatchObject({ paused: true, role: 'stage', spatialLayer: 2 });
    }
  });

  it('a participantJoined for someone already there replaces them, and for ourselves updates self', () => {
    const store = joinedStore();
    applyToStore(store, { method: 'participantJoined', data: participant(OTHER, { device: 'tablet' }) });
    expect(store.participants.size).toBe(2);
    expect(store.participant(OTHER)?.device).toBe('tablet');
    // After a reconnect the server announces us again, now muted: the controls read `self`.
    applyToStore(store, { method: 'participantJoined', data: participant(ME, { isChair: true, mutedByChair: true }) });
    expect(store.participants.size).toBe(2);
    expect(store.self?.mutedByChair).toBe(true);
  });

  it('the active speaker who leaves is no longer highlighted', () => {
    const store = joinedStore();
    const topics: Topic[] = [];
    store.subscribe((topic) => topics.push(topic));
    applyToStore(store, { method: 'activeSpeaker', data: { userId: OTHER } });
    applyToStore(store, { method: 'participantLeft', data: { userId: OTHER } });
    expect(store.activeSpeaker).toBeNull();
    expect(topics).toEqual(['speaker', 'participants', 'speaker']);
  });
});

describe('NotificationApplier', () => {
  it('a consumer announced twice is consumed once and shown as one tile', async () => {
    const store = joinedStore();
    const { applier, media, resumed } = await applierFor(store);
    const added = { method: 'consumerAdded', data: consumer('c1') } as const;
    applier.apply(added);
    applier.apply(added);
    await settle();
    expect(media.consumed).toEqual(['c1']);
    expect([...store.media.keys()]).toEqual(['c1']);
    expect(resumed).toEqual(['c1']);
  });

  it('keeps the server order around a slow consume: paused, then closed, after added', async () => {
    const store = joinedStore();
    const { applier, media } = await applierFor(store);
    let release = (): void => {};
    media.consumeGate = new Promise((resolve) => (release = resolve));
    applier.apply({ method: 'consumerAdded', data: consumer('c1') });
    applier.apply({ method: 'consumerAdded', data: consumer('c2', { kind: 'audio', source: 'mic', role: 'audio' }) });
    applier.apply({ method: 'consumerPaused', data: { consumerId: 'c1' } });
    applier.apply({ method: 'consumerClosed', data: { consumerId: 'c2' } });
    await settle();
    expect(store.media.size).toBe(0); // still consuming c1
    release();
    await settle();
    expect([...store.media.keys()]).toEqual(['c1']);
    expect(store.media.get('c1')?.paused).toBe(true);
    expect([...media.consumers.keys()]).toEqual(['c1']);
  });

  it('waits for the transports before consuming', async () => {
    const store = joinedStore();
    const client = new FakeSignalling();
    client.up();
    const media = new FakeMedia(client, { onTransportState: () => {} });
    let ready = (): void => {};
    const applier = new NotificationApplier({ store, media, transportsReady: new Promise((resolve) => (ready = resolve)), resumeConsumer: () => {} });
    applier.apply({ method: 'consumerAdded', data: consumer('c1') });
    await settle();
    expect(media.consumed).toEqual([]);
    ready();
    await settle();
    expect(media.consumed).toEqual(['c1']);
  });

  it('a closed join applies nothing more, not even what was already queued', async () => {
    const store = joinedStore();
    const { applier, media, resumed } = await applierFor(store);
    let release = (): void => {};
    media.consumeGate = new Promise((resolve) => (release = resolve));
    applier.apply({ method: 'consumerAdded', data: consumer('c1') });
    applier.apply({ method: 'consumerAdded', data: consumer('c2') });
    await settle();
    applier.close();
    release();
    applier.apply({ method: 'participantLeft', data: { userId: OTHER } });
    await settle();
    expect(store.media.size).toBe(0);
    expect(resumed).toEqual([]);
    expect(media.consumed).toEqual(['c1']);
    expect(store.participants.has(OTHER)).toBe(true);
  });

  it('passes the server demand for our own video to the media', async () => {
    const { applier, media } = await applierFor(joinedStore());
    applier.apply({ method: 'producerDemand', data: { producerId: 'p1', spatialLayer: 2 } });
    applier.apply({ method: 'producerDemand', data: { producerId: 'p1', spatialLayer: null } });
    expect(media.demand.get('p1')).toBeNull();
  });
});
