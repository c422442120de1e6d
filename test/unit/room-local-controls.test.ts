// The user's own microphone, camera and screen in the web room (no browser): toggles act on
// the media that exists, a toggle without live media waits for the next publish, a publish
// sends exactly what is switched on, and a switch-off that lands while a producer is being
// created still wins.
import { describe, expect, it } from 'vitest';
import { LocalControls } from '../../web/src/features/meeting-room/local-controls.ts';
import type { RoomMedia } from '../../web/src/features/meeting-room/room-media.ts';
import { RoomStore } from '../../web/src/features/meeting-room/room-store.ts';
import { FakeLocalMedia, FakeMedia, FakeSignalling, type FakeTrack, t } from './room-fakes.ts';

interface Rig {
  store: RoomStore;
  local: FakeLocalMedia;
  client: FakeSignalling;
  media: FakeMedia;
  controls: LocalControls;
  /** Whether the media counts as live (false: the session is rejoining). */
  live: boolean;
}

async function rig(o: { mic?: boolean; camera?: boolean; live?: boolean } = {}): Promise<Rig> {
  const store = new RoomStore();
  const local = new FakeLocalMedia();
  store.local.mic = o.mic ?? true;
  store.local.camera = o.camera ?? true;
  const client = new FakeSignalling();
  client.up();
  const media = new FakeMedia(client, { onTransportState: () => {} });
  await media.createTransports();
  const r: Rig = { store, local, client, media, live: o.live ?? true, controls: null as unknown as LocalControls };
  r.controls = new LocalControls({
    store,
    local,
    t,
    media: { live: (): RoomMedia | null => (r.live ? r.media : null), current: () => r.media },
  });
  return r;
}

describe('LocalControls', () => {
  it('publishes what is switched on, and only that', async () => {
    const r = await rig({ mic: false, camera: true });
    await r.controls.publish(r.media);
    expect(r.media.sending).toEqual(['camera']);
    expect(r.media.producers.get('camera')?.track).toBe(r.local.camera);
  });

  it('microphone off pauses the producer; on again resumes the same one', async () => {
    const r = await rig();
    await r.controls.publish(r.media);
    const producer = r.media.producers.get('mic');
    await r.controls.setMic(false);
    expect(r.store.local.mic).toBe(false);
    expect(r.media.sending).toEqual(['camera']);
    expect(r.client.sent('pauseProducer')).toEqual([{ producerId: producer?.id }]);
    await r.controls.setMic(true);
    expect(r.store.local.mic).toBe(true);
    expect(r.media.producers.get('mic')).toBe(producer);
    expect(r.media.sending).toEqual(['mic', 'camera']);
    expect(r.client.sent('produce')).toHaveLength(2);
  });

  it('camera off closes its producer and turns the camera light off', async () => {
    const r = await rig();
    await r.controls.publish(r.media);
    const cameraTrack = r.local.camera as unknown as FakeTrack;
    await r.controls.setCamera(false);
    expect(r.media.hasProducer('camera')).toBe(false);
    expect(cameraTrack.readyState).toBe('ended');
    expect(r.local.camera).toBeNull();
    expect(r.client.sent('closeProducer')).toHaveLength(1);
  });

  it('a toggle while rejoining changes what the next publish sends', async () => {
    const r = await rig({ live: false });
    await r.controls.setCamera(false);
    await r.controls.setMic(false);
    await r.controls.setMic(true);
    await r.controls.setCamera(true);
    await r.controls.setMic(false);
    expect(r.client.sent('produce')).toEqual([]); // nothing goes out before the join is live
    r.live = true;
    await r.controls.publish(r.media);
    expect(r.media.sending).toEqual(['camera']);
    expect(r.media.hasProducer('mic')).toBe(false);
  });

  it('a camera switched off while the rejoin is creating its producer does not stay on', async () => {
    const r = await rig();
    let release = (): void => {};
    r.media.produceGate = new Promise((resolve) => (release = resolve));
    const publishing = r.controls.publish(r.media);
    // The tap lands while the server is creating the producers: there is none to close yet.
    await r.controls.setCamera(false);
    await r.controls.setMic(false);
    release();
    await publishing;
    expect(r.media.sending).toEqual([]);
    expect(r.media.hasProducer('camera')).toBe(false);
    expect(r.local.camera).toBeNull();
  });

  it('the chair keeps the microphone muted: no unmute, and a new producer starts paused', async () => {
    const r = await rig();
    r.client.answers.produce = () => ({ producerId: 'mic-producer', paused: true });
    await r.controls.publish(r.media);
    expect(r.store.local).toMatchObject({ mic: false, mutedByChair: true });
    await r.controls.setMic(true);
    expect(r.store.lastMessage).toEqual({ text: 'room.mutedByChair', tone: 'error' });
    expect(r.client.sent('resumeProducer')).toEqual([]);
    expect(r.store.local.mic).toBe(false);
  });

  it('muted by the chair mid-meeting: the microphone stops at once, and the chair can let us speak again', async () => {
    const r = await rig();
    await r.controls.publish(r.media);
    r.controls.onMutedByChair(true);
    expect(r.store.local).toMatchObject({ mic: false, mutedByChair: true });
    expect(r.media.sending).toEqual(['camera']);
    r.controls.onMutedByChair(false);
    expect(r.store.local.mutedByChair).toBe(false);
    expect(r.store.local.mic).toBe(false); // the chair allows it; the user still decides
    await r.controls.setMic(true);
    expect(r.media.sending).toEqual(['mic', 'camera']);
  });

  it('another microphone while muted goes out on the same producer and stays muted', async () => {
    const r = await rig();
    await r.controls.publish(r.media);
    await r.controls.setMic(false);
    const producer = r.media.producers.get('mic');
    await r.controls.switchDevice('mic', 'mic-2');
    expect(r.media.producers.get('mic')).toBe(producer);
    expect((producer?.track as unknown as FakeTrack).label).toBe('mic-2');
    expect(producer?.paused).toBe(true);
    expect(r.store.local.mic).toBe(false);
  });

  it('a camera that cannot be opened falls back to the one that worked', async () => {
    const r = await rig();
    await r.controls.publish(r.media);
    r.local.broken.set('camera-2', 'NotFoundError');
    await r.controls.switchDevice('camera', 'camera-2');
    expect(r.store.lastMessage).toEqual({ text: 'room.error.device', tone: 'error' });
    expect(r.local.cameraId).toBe('camera-1');
    expect((r.media.producers.get('camera')?.track as unknown as FakeTrack).label).toBe('camera-1');
    expect(r.store.local.camera).toBe(true);
  });

  it('a screen share the browser ends is withdrawn', async () => {
    const r = await rig();
    await r.controls.publish(r.media);
    await r.controls.setScreen(true);
    expect(r.media.sending).toContain('screen');
    (r.local.screen as unknown as FakeTrack).endByBrowser();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(r.store.local.screen).toBe(false);
    expect(r.media.hasProducer('screen')).toBe(false);
  });
});
