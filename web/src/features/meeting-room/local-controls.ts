import type { LocalMedia } from './local-media.ts';
import type { MediaSource } from './protocol.ts';
import { RequestError } from './request-error.ts';
import { reportError, type Translate } from './room-errors.ts';
import type { RoomMedia } from './room-media.ts';
import type { RoomStore } from './room-store.ts';

/** Which media the controls act on; the session knows, across reconnects. */
export interface MediaAccess {
  /**
   * The media to switch things on with; null while (re)joining, when the change waits for the
   * next publish (which sends what is switched on).
   */
  live(): RoomMedia | null;
  /** The media to switch things off with: any that still exists, live or not. */
  current(): RoomMedia | null;
}

export interface LocalControlsOptions {
  readonly store: RoomStore;
  readonly local: LocalMedia;
  readonly t: Translate;
  readonly media: MediaAccess;
}

/**
 * The user's own microphone, camera and screen: the toggles, switching devices, and sending
 * what is switched on after every (re)join. The store's `local` state is the truth a reconnect
 * restores; a toggle during a reconnect changes it and the next publish follows it.
 */
export class LocalControls {
  readonly #store: RoomStore;
  readonly #local: LocalMedia;
  readonly #t: Translate;
  readonly #media: MediaAccess;

  constructor(options: LocalControlsOptions) {
    this.#store = options.store;
    this.#local = options.local;
    this.#t = options.t;
    this.#media = options.media;
  }

  async setMic(on: boolean): Promise<void> {
    const store = this.#store;
    if (store.local.busy.mic) return;
    if (on && store.local.mutedByChair) {
      store.say(this.#t('room.mutedByChair'), 'error');
      return;
    }
    store.setBusy('mic', true);
    try {
      if (!on) {
        // Off acts on whatever media exists, even mid-reconnect: nobody may hear us after this.
        store.setLocal({ mic: false });
        await this.#media.current()?.pauseProducer('mic').catch(unlessTransient);
        return;
      }
      const local = this.#local;
      const track = local.mic && local.mic.readyState === 'live' ? local.mic : await local.openMic();
      const media = this.#media.live();
      if (media?.hasProducer('mic')) await media.resumeProducer('mic');
      else if (media) await this.#produce(media, 'mic', track);
      if (!store.local.mutedByChair) store.setLocal({ mic: true });
    } catch (error) {
      this.#report(error);
    } finally {
      store.setBusy('mic', false);
    }
  }

  async setCamera(on: boolean): Promise<void> {
    const store = this.#store;
    if (store.local.busy.camera) return;
    store.setBusy('camera', true);
    try {
      if (!on) {
        store.setLocal({ camera: false });
        // Closed rather than paused: the camera light goes off, as officials expect.
        const closing = this.#media.current()?.closeProducer('camera').catch(unlessTransient);
        this.#local.stopCamera();
        await closing;
        return;
      }
      const track = await this.#local.openCamera();
      store.setLocal({ camera: true });
      const media = this.#media.live();
      if (media) await this.#produce(media, 'camera', track);
    } catch (error) {
      this.#report(error);
    } finally {
      store.setBusy('camera', false);
    }
  }

  async setScreen(on: boolean): Promise<void> {
    const store = this.#store;
    const local = this.#local;
    if (store.local.busy.screen || store.local.screen === on) return;
    store.setBusy('screen', true);
    try {
      if (!on) {
        store.setLocal({ screen: false });
        const closing = this.#media.current()?.closeProducer('screen').catch(unlessTransient);
        local.stopScreen();
        await closing;
        return;
      }
      const track = await local.openScreen();
      // The browser's own "Stop sharing" button ends the track.
      track.addEventListener('ended', () => void this.setScreen(false), { once: true });
      store.setLocal({ screen: true });
      const media = this.#media.live();
      if (media) await this.#produce(media, 'screen', track);
    } catch (error) {
      // Cancelling the browser's picker is a choice, not an error.
      if (!(error instanceof DOMException && error.name === 'NotAllowedError')) this.#report(error);
      if (!local.screen) store.setLocal({ screen: false });
    } finally {
      store.setBusy('screen', false);
    }
  }

  /**
   * Another camera or microphone, chosen in the room (a tablet's rear camera for the paper on
   * the table, a headset plugged in). What is on stays on and a muted microphone stays muted
   * (mediasoup-client sends the new track disabled while paused); a camera that is off, or a
   * microphone never opened, just remembers the choice for when it is switched on.
   */
  async switchDevice(source: 'camera' | 'mic', deviceId: string): Promise<void> {
    const store = this.#store;
    const device = this.#local.device(source);
    if (store.local.busy[source] || deviceId === device.id) return;
    if (source === 'camera' ? !store.local.camera : !device.track) {
      device.choose(deviceId);
      store.emit('local');
      return;
    }
    store.setBusy(source, true);
    const previous = device.id;
    try {
      const track = await openReleasing(() => device.open(deviceId), () => device.stop());
      await this.#switchTrack(source, track);
    } catch (error) {
      this.#report(error);
      // Back to the device that worked; if that is gone too, off (with the camera light).
      if (this.#local.device(source).track?.readyState !== 'live') {
        const back = await device.open(previous).catch(() => null);
        if (back) await this.#switchTrack(source, back).catch(() => {});
        else if (source === 'camera') {
          store.setLocal({ camera: false });
          await this.#media.current()?.closeProducer('camera').catch(() => {});
        } else {
          store.setLocal({ mic: false });
          await this.#media.current()?.pauseProducer('mic').catch(() => {});
        }
      }
    } finally {
      store.setBusy(source, false);
      store.emit('local');
    }
  }

  /** Sends whatever is switched on: after a reconnect, the same tracks as before it. */
  async publish(media: RoomMedia): Promise<void> {
    for (const source of ['mic', 'camera', 'screen'] as const) {
      const track = this.#local[source];
      if (!this.#isOn(source) || track?.readyState !== 'live' || media.hasProducer(source)) continue;
      await this.#produce(media, source, track);
      // Switched off while the server was creating it (a tap during the rejoin): that switch-off
      // found no producer to stop, so this one must not go on sending.
      if (!this.#isOn(source) && !(source === 'mic' && this.#store.local.mutedByChair)) await this.#withdraw(media, source);
    }
  }

  /** The chair muted us or lets us speak again. */
  onMutedByChair(muted: boolean): void {
    const store = this.#store;
    store.setLocal(muted ? { mutedByChair: true, mic: false } : { mutedByChair: false });
    // The server already paused it; stop sending what nobody receives.
    if (muted) this.#media.current()?.pauseLocally('mic');
    store.say(this.#t(muted ? 'room.mutedByChair' : 'room.unmutedByChair'), muted ? 'error' : 'info');
  }

  /** The new track goes out on the source's producer; with none yet, a switched-on source is produced. */
  async #switchTrack(source: 'camera' | 'mic', track: MediaStreamTrack): Promise<void> {
    const media = this.#media.live();
    if (!media) return; // the next publish sends local's current track
    if (await media.replaceTrack(source, track)) return;
    if (this.#isOn(source)) await this.#produce(media, source, track);
  }

  async #produce(media: RoomMedia, source: MediaSource, track: MediaStreamTrack): Promise<void> {
    if (!media.canProduce(track.kind as 'audio' | 'video')) return;
    // A producer paused earlier (microphone off) left its track disabled; this one starts live.
    track.enabled = true;
    try {
      const { pausedByServer } = await media.produce(source, track);
      if (source === 'mic' && pausedByServer) this.#store.setLocal({ mic: false, mutedByChair: true });
    } catch (error) {
      // A lost connection makes the whole join fail (and retry); a refusal is shown and the
      // meeting goes on without that source.
      if (error instanceof RequestError && !error.isTransient) this.#report(error);
      else throw error;
    }
  }

  async #withdraw(media: RoomMedia, source: 'mic' | 'camera' | 'screen'): Promise<void> {
    if (source === 'mic') await media.pauseProducer('mic');
    else await media.closeProducer(source);
  }

  #isOn(source: 'mic' | 'camera' | 'screen'): boolean {
    return this.#store.local[source];
  }

  #report(error: unknown): void {
    reportError(this.#store, this.#t, error);
  }
}

/**
 * Opens a device; when it is busy (tablets and phones often cannot open a second camera while
 * one is open), releases the current one and tries again.
 */
async function openReleasing(open: () => Promise<MediaStreamTrack>, release: () => void): Promise<MediaStreamTrack> {
  try {
    return await open();
  } catch (error) {
    if (!(error instanceof DOMException && (error.name === 'NotReadableError' || error.name === 'AbortError'))) throw error;
    release();
    return open();
  }
}

/** Switching off while the server is unreachable: done here; the next join sends the truth. */
function unlessTransient(error: unknown): void {
  if (!(error instanceof RequestError && error.isTransient)) throw error;
}
