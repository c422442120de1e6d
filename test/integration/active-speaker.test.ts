// The room hears who speaks with one ActiveSpeakerObserver, whichever worker a speaker's
// microphone is produced on: real mediasoup workers, microphones sending audio levels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchMediaConfig, joinSite, startAppMedia, type AppMedia, type Site } from '../../bench/lib/app-room.ts';
import { startMicrophone, type Microphone } from '../helpers/microphone.ts';

describe('active speaker across the routers of a room', () => {
  let media: AppMedia;
  const mics: Microphone[] = [];

  beforeAll(async () => {
    // No consumer room on any worker: each new participant opens the room on another worker.
    media = await startAppMedia({ ...benchMediaConfig({ MEDIA_WORKERS: '2' }), consumersPerWorker: 0 }, { chairId: 'chair' });
  });
  afterAll(() => {
    for (const m of mics) m.stop();
    media?.close();
  });

  /** Talks until the room names `who` the active speaker, then falls silent. */
  async function speak(site: Site, mic: Microphone, everyone: Site[]): Promise<void> {
    mic.talk(true);
    await expect.poll(() => everyone.map((s) => s.activeSpeaker), { timeout: 10_000, interval: 100 }).toEqual(everyone.map(() => site.userId));
    mic.talk(false);
  }

  it('names a speaker again after someone on another worker spoke', async () => {
    const a = await joinSite(media.room, { userId: 'a' });
    const b = await joinSite(media.room, { userId: 'b' });
    expect(a.peer.worker).not.toBe(b.peer.worker);
    const micA = await startMicrophone(media.room, a.peer);
    const micB = await startMicrophone(media.room, b.peer);
    mics.push(micA, micB);
    const everyone = [a, b];

    await speak(a, micA, everyone);
    await speak(b, micB, everyone);
    // With an observer per router, a stayed dominant on its own router and was never named again.
    await speak(a, micA, everyone);
    expect(media.room.policy.audible.slice(0, 2)).toEqual(['a', 'b']);
  });
});
