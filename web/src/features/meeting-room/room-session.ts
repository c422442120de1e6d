import type { types } from 'mediasoup-client';
import type { I18n } from '../../base/i18n/index.ts';
import type { MeetingLink } from '../../base/meeting/index.ts';
import { deviceKind, type LocalMedia } from './local-media.ts';
import { MediaSession, type Direction } from './media-session.ts';
import type { CloseReason, MediaSource, Notification, RequestMethod, ResponseData } from './protocol.ts';
import { CLIENT_OFFLINE, RequestError, RoomClient, UNAUTHENTICATED, type RequestData } from './room-client.ts';
import { RoomStore, type EndReason } from './room-store.ts';

/** After an ICE restart the transport must be connected again within this, else we rejoin. */
const ICE_RESTART_GRACE_MS = 4000;
/** Leaving waits at most this for the server to take note. */
const LEAVE_TIMEOUT_MS = 1500;
/** How long the first connection may take before the device check says so. */
const FIRST_CONNECT_TIMEOUT_MS = 10_000;
/** Errors a rejoin cannot fix: the page ends with the server's message. */
const FATAL_CODES = new Set([
  UNAUTHENTICATED,
  'meeting.removed',
  'meeting.ended',
  'meeting.not_invited',
  'meeting.not_found',
  'meeting.locked',
  'auth.forbidden_scope',
]);

export type ModerationMethod = 'mute' | 'unmute' | 'muteAll' | 'removeParticipant' | 'lock' | 'setStage';

export interface RoomSessionOptions {
  readonly meetingId: string;
  readonly i18n: I18n;
  /** The tracks the device check opened; the session sends them and stops them when it ends. */
  readonly local: LocalMedia;
  readonly initial: { mic: boolean; camera: boolean };
}

/**
 * One person's presence in one meeting, across reconnects. It joins (router capabilities →
 * Device → join → transports → send own tracks), applies what the server pushes to the store,
 * and recovers on its own:
 *  - a transport goes 'disconnected'/'failed' → ICE restart on that transport;
 *  - the restart fails or does not reconnect soon, the socket was lost, or the server says
 *    'rejoin' → throw away Device and transports and join again with the same account (the
 *    server replaces the old connection, so the others see one participant).
 * Local tracks survive all of it; only leaving, removal or the meeting's end stop them.
 */
export class RoomSession implements MeetingLink {
  readonly store = new RoomStore();
  readonly local: LocalMedia;
  readonly #meetingId: string;
  readonly #i18n: I18n;
  readonly #client: RoomClient;
  #media: MediaSession | null = null;
  /** Bumped by every join and teardown: late results of an older join are dropped. */
  #epoch = 0;
  /** True once the server acknowledged this epoch's join: its notifications apply from then. */
  #accepting = false;
  /** Consumers are created one after another, in the order the server announced them. */
  #consumerQueue: Promise<void> = Promise.resolve();
  #transportsReady: Promise<void> = Promise.resolve();
  #transportsCreated = false;
  #started = false;
  #ended = false;
  #recovering = false;
  #recoverAgain = false;
  readonly #iceRestarting = new Set<Direction>();
  readonly #iceTimers = new Map<Direction, ReturnType<typeof setTimeout>>();
  readonly #connectWaiters = new Set<{ resolve: () => void; reject: (error: Error) => void }>();
  readonly #joinedListeners = new Set<() => void>();

  constructor(options: RoomSessionOptions) {
    this.#meetingId = options.meetingId;
    this.#i18n = options.i18n;
    this.local = options.local;
    this.store.local.mic = options.initial.mic && this.local.mic !== null;
    this.store.local.camera = options.initial.camera && this.local.camera !== null;
    this.#client = new RoomClient({ language: () => options.i18n.language, offlineMessage: () => options.i18n.t('room.error.offline') });
    this.#client.on('connect', () => this.#onConnect());
    this.#client.on('disconnect', (reason) => this.#onDisconnect(reason));
    this.#client.on('connectError', (error) => this.#onConnectError(error));
    this.#client.on('notification', (n) => this.#onNotification(n));
    window.addEventListener('online', this.#onNetworkBack);
    document.addEventListener('visibilitychange', this.#onNetworkBack);
  }

  /** The network is back, or a sleeping tablet woke up: do not wait out the back-off. */
  readonly #onNetworkBack = (): void => {
    if (!this.#ended && document.visibilityState === 'visible') this.#client.reconnectNow();
  };

  get meetingId(): string {
    return this.#meetingId;
  }

  get ended(): boolean {
    return this.#ended;
  }

  // ---- the link for features shown in the room (floor, votes, quorum) -----------------------

  get me(): MeetingLink['me'] {
    return this.store.self ? { userId: this.store.self.userId, isChair: this.store.isChair } : null;
  }

  request<M extends RequestMethod>(method: M, data: RequestData<M>): Promise<ResponseData[M]> {
    return this.#client.request(method, data);
  }

  onNotification(listener: (n: Notification) => void): () => void {
    return this.#client.on('notification', listener);
  }

  onJoined(listener: () => void): () => void {
    this.#joinedListeners.add(listener);
    return () => this.#joinedListeners.delete(listener);
  }

  say(text: string, tone: 'info' | 'error' = 'info'): void {
    this.store.say(text, tone);
  }

  /** Connects and joins. A failure of this first join is thrown for the device check to show. */
  async start(): Promise<void> {
    this.#client.connect();
    try {
      await this.#waitForConnect(FIRST_CONNECT_TIMEOUT_MS);
      await this.#join();
      this.#started = true;
    } catch (error) {
      // The device check stays, with its tracks, for another try with a new session.
      this.#ended = true;
      this.#teardown();
      this.#unlisten();
      this.#client.close();
      throw this.#explain(error);
    }
  }

  /**
   * The Leave button, or the page going away. Camera and microphone stop at once; the socket
   * closes only once the server has the leave (or a moment passed): socket.io drops a request
   * that arrives together with the disconnect, and the others would see us linger for the
   * whole reconnect grace period.
   */
  leave(): void {
    if (this.#ended) return;
    const farewell = this.#client.connected ? this.#client.request('leave', {}, LEAVE_TIMEOUT_MS).then(() => {}, () => {}) : Promise.resolve();
    this.#finish('left', null, farewell);
  }

  // ---- local controls ------------------------------------------------------------------

  async setMic(on: boolean): Promise<void> {
    const { store, local } = this;
    if (store.local.busy.mic) return;
    if (on && store.local.mutedByChair) {
      store.say(this.#i18n.t('room.mutedByChair'), 'error');
      return;
    }
    store.setBusy('mic', true);
    try {
      if (!on) {
        // Off acts on whatever media exists, even mid-reconnect: nobody may hear us after this.
        store.setLocal({ mic: false });
        await this.#current()?.pauseProducer('mic').catch(unlessTransient);
        return;
      }
      const track = local.mic && local.mic.readyState === 'live' ? local.mic : await local.openMic();
      const media = this.#live();
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
    const { store, local } = this;
    if (store.local.busy.camera) return;
    store.setBusy('camera', true);
    try {
      if (!on) {
        store.setLocal({ camera: false });
        // Closed rather than paused: the camera light goes off, as officials expect.
        const closing = this.#current()?.closeProducer('camera').catch(unlessTransient);
        local.stopCamera();
        await closing;
        return;
      }
      const track = await local.openCamera();
      store.setLocal({ camera: true });
      const media = this.#live();
      if (media) await this.#produce(media, 'camera', track);
    } catch (error) {
      this.#report(error);
    } finally {
      store.setBusy('camera', false);
    }
  }

  /**
   * Another camera or microphone, chosen in the room (a tablet's rear camera for the paper on
   * the table, a headset plugged in). What is on stays on and a muted microphone stays muted
   * (mediasoup-client sends the new track disabled while paused); a camera that is off, or a
   * microphone never opened, just remembers the choice for when it is switched on.
   */
  async switchDevice(source: 'camera' | 'mic', deviceId: string): Promise<void> {
    const { store, local } = this;
    const device = local.device(source);
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
      if (local.device(source).track?.readyState !== 'live') {
        const back = await device.open(previous).catch(() => null);
        if (back) await this.#switchTrack(source, back).catch(() => {});
        else if (source === 'camera') {
          store.setLocal({ camera: false });
          await this.#current()?.closeProducer('camera').catch(() => {});
        } else {
          store.setLocal({ mic: false });
          await this.#current()?.pauseProducer('mic').catch(() => {});
        }
      }
    } finally {
      store.setBusy(source, false);
      store.emit('local');
    }
  }

  /** The new track goes out on the source's producer; with none yet, a switched-on source is produced. */
  async #switchTrack(source: 'camera' | 'mic', track: MediaStreamTrack): Promise<void> {
    const media = this.#live();
    if (!media) return; // the next publish sends local's current track
    if (await media.replaceTrack(source, track)) return;
    const on = source === 'camera' ? this.store.local.camera : this.store.local.mic;
    if (on) await this.#produce(media, source, track);
  }

  async setScreen(on: boolean): Promise<void> {
    const { store, local } = this;
    if (store.local.busy.screen || store.local.screen === on) return;
    store.setBusy('screen', true);
    try {
      if (!on) {
        store.setLocal({ screen: false });
        const closing = this.#current()?.closeProducer('screen').catch(unlessTransient);
        local.stopScreen();
        await closing;
        return;
      }
      const track = await local.openScreen();
      // The browser's own "Stop sharing" button ends the track.
      track.addEventListener('ended', () => void this.setScreen(false), { once: true });
      store.setLocal({ screen: true });
      const media = this.#live();
      if (media) await this.#produce(media, 'screen', track);
    } catch (error) {
      // Cancelling the browser's picker is a choice, not an error.
      if (!(error instanceof DOMException && error.name === 'NotAllowedError')) this.#report(error);
      if (!local.screen) store.setLocal({ screen: false });
    } finally {
      store.setBusy('screen', false);
    }
  }

  async setThumbnailPage(page: number): Promise<void> {
    try {
      await this.#client.request('setThumbnailPage', { page: Math.max(0, page) });
    } catch (error) {
      this.#report(error);
    }
  }

  /** The chair's moderation; a refusal is shown with the server's message. */
  async moderate<M extends ModerationMethod>(method: M, data: RequestData<M>): Promise<boolean> {
    try {
      await this.#client.request(method, data);
      return true;
    } catch (error) {
      this.#report(error);
      return false;
    }
  }

  /** RTCPeerConnection statistics of the current transports (the quality indicator reads them). */
  async stats(): Promise<RTCStatsReport[]> {
    return this.#media && !this.#media.closed ? this.#media.stats() : [];
  }

  // ---- joining -----------------------------------------------------------------------------

  async #join(): Promise<void> {
    const epoch = ++this.#epoch;
    this.#accepting = false;
    const media = await MediaSession.create(this.#client, this.#meetingId, {
      onTransportState: (direction, state) => void this.#onTransportState(epoch, direction, state),
    });
    if (this.#isStale(epoch)) {
      media.close();
      throw new RequestError(CLIENT_OFFLINE, 'superseded');
    }
    this.#media = media;
    const joined = await this.#client.request('join', {
      meetingId: this.#meetingId,
      rtpCapabilities: media.rtpCapabilities,
      device: deviceKind(),
    });
    if (this.#isStale(epoch)) throw new RequestError(CLIENT_OFFLINE, 'superseded');
    this.#accepting = true;
    this.store.applyJoin(joined);
    for (const listener of [...this.#joinedListeners]) listener();
    if (joined.self.mutedByChair) this.store.setLocal({ mic: false });
    this.#transportsReady = media.createTransports();
    await this.#transportsReady;
    if (this.#isStale(epoch)) throw new RequestError(CLIENT_OFFLINE, 'superseded');
    this.#transportsCreated = true;
    await this.#publish(media);
    if (this.#isStale(epoch)) throw new RequestError(CLIENT_OFFLINE, 'superseded');
    this.store.setStatus('connected');
  }

  /** Sends whatever is switched on: the same tracks as before a reconnect. */
  async #publish(media: MediaSession): Promise<void> {
    const { store, local } = this;
    if (store.local.mic && local.mic?.readyState === 'live') await this.#produce(media, 'mic', local.mic);
    if (store.local.camera && local.camera?.readyState === 'live') await this.#produce(media, 'camera', local.camera);
    if (store.local.screen && local.screen?.readyState === 'live') await this.#produce(media, 'screen', local.screen);
  }

  async #produce(media: MediaSession, source: MediaSource, track: MediaStreamTrack): Promise<void> {
    if (!media.canProduce(track.kind as 'audio' | 'video')) return;
    // A producer paused earlier (microphone off) left its track disabled; this one starts live.
    track.enabled = true;
    try {
      const { pausedByServer } = await media.produce(source, track);
      if (source === 'mic' && pausedByServer) this.store.setLocal({ mic: false, mutedByChair: true });
    } catch (error) {
      // A lost connection makes the whole join fail (and retry); a refusal is shown and the
      // meeting goes on without that source.
      if (error instanceof RequestError && !error.isTransient) this.#report(error);
      else throw error;
    }
  }

  #isStale(epoch: number): boolean {
    return this.#ended || epoch !== this.#epoch;
  }

  /**
   * The media to switch things on with; null while (re)joining, when the change waits for the
   * next publish (which sends what is switched on).
   */
  #live(): MediaSession | null {
    return this.#accepting && this.#transportsCreated && this.#media && !this.#media.closed ? this.#media : null;
  }

  /** The media to switch things off with: any that still exists, live or not. */
  #current(): MediaSession | null {
    return this.#media && !this.#media.closed ? this.#media : null;
  }

  #teardown(): void {
    this.#epoch++;
    this.#accepting = false;
    this.#transportsCreated = false;
    for (const timer of this.#iceTimers.values()) clearTimeout(timer);
    this.#iceTimers.clear();
    this.#iceRestarting.clear();
    this.#media?.close();
    this.#media = null;
    this.store.clearMedia();
  }

  /** Joins again until it works, the failure is final, or the page ends. */
  async #recover(): Promise<void> {
    if (this.#ended || !this.#started) return;
    if (this.#recovering) {
      this.#recoverAgain = true;
      return;
    }
    this.#recovering = true;
    this.store.setStatus('reconnecting');
    try {
      for (let attempt = 0; !this.#ended; attempt++) {
        this.#recoverAgain = false;
        try {
          await this.#waitForConnect();
          this.#teardown();
          await this.#join();
          if (!this.#recoverAgain) return;
        } catch (error) {
          if (this.#ended) return;
          if (error instanceof RequestError && FATAL_CODES.has(error.code)) {
            this.#finish(error.code === UNAUTHENTICATED ? 'unauthenticated' : 'error', error.message);
            return;
          }
          await sleep(Math.min(250 * 2 ** attempt, 2000));
        }
      }
    } finally {
      this.#recovering = false;
    }
  }

  async #onTransportState(epoch: number, direction: Direction, state: types.ConnectionState): Promise<void> {
    const media = this.#media;
    if (this.#isStale(epoch) || this.#recovering || !media) return;
    if (state === 'connected') {
      clearTimeout(this.#iceTimers.get(direction));
      this.#iceTimers.delete(direction);
      const troubled = (['send', 'recv'] as const).some((d) => ['disconnected', 'failed'].includes(media.connectionState(d) ?? ''));
      if (!troubled && this.#client.connected && this.#accepting) this.store.setStatus('connected');
      return;
    }
    if (state !== 'disconnected' && state !== 'failed') return;
    this.store.setStatus('reconnecting');
    // Without signalling there is no ICE restart: the socket's return triggers a rejoin.
    if (!this.#client.connected) return void this.#recover();
    if (this.#iceRestarting.has(direction)) return;
    this.#iceRestarting.add(direction);
    try {
      await media.restartIce(direction);
      if (this.#isStale(epoch)) return;
      clearTimeout(this.#iceTimers.get(direction));
      this.#iceTimers.set(
        direction,
        setTimeout(() => {
          if (!this.#isStale(epoch) && media.connectionState(direction) !== 'connected') void this.#recover();
        }, ICE_RESTART_GRACE_MS),
      );
    } catch {
      if (!this.#isStale(epoch)) void this.#recover();
    } finally {
      this.#iceRestarting.delete(direction);
    }
  }

  // ---- the socket --------------------------------------------------------------------------

  #waitForConnect(timeoutMs?: number): Promise<void> {
    if (this.#client.connected) return Promise.resolve();
    if (this.#ended) return Promise.reject(new RequestError(CLIENT_OFFLINE, 'ended'));
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.#connectWaiters.delete(waiter);
              reject(new RequestError(CLIENT_OFFLINE, this.#i18n.t('room.error.offline')));
            }, timeoutMs);
      this.#connectWaiters.add(waiter);
    });
  }

  #settleWaiters(error: Error | null): void {
    const waiters = [...this.#connectWaiters];
    this.#connectWaiters.clear();
    for (const waiter of waiters) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }

  #onConnect(): void {
    this.#settleWaiters(null);
  }

  #onDisconnect(reason: string): void {
    if (this.#ended || reason === 'io client disconnect') return;
    this.#accepting = false;
    // The server hung up on us (a restart): socket.io leaves reconnecting to us in that case.
    if (reason === 'io server disconnect') this.#client.connect();
    void this.#recover();
  }

  #onConnectError(error: Error): void {
    if (this.#ended) return;
    if (error.message === UNAUTHENTICATED) {
      const refusal = new RequestError(UNAUTHENTICATED, this.#i18n.t('room.error.unauthenticated'));
      this.#settleWaiters(refusal);
      if (this.#started) this.#finish('unauthenticated', refusal.message);
      return;
    }
    // Refused by another middleware error: socket.io does not retry those by itself.
    if (!this.#client.active) setTimeout(() => !this.#ended && this.#client.connect(), 1000);
  }

  // ---- what the server pushes --------------------------------------------------------------

  #onNotification(n: Notification): void {
    if (this.#ended) return;
    if (n.method === 'closed') {
      // While we (re)join on this socket the server may retire our previous connection.
      if (n.data.reason === 'replaced' && !this.#accepting) return;
      this.#finish(endReason(n.data.reason), null);
      return;
    }
    if (n.method === 'rejoin') {
      void this.#recover();
      return;
    }
    if (!this.#accepting) return;
    const { store } = this;
    switch (n.method) {
      case 'consumerAdded':
        return this.#enqueue(async (media) => {
          const track = await media.consume(n.data);
          store.addMedia(n.data, track);
          // Resumed once its element exists, so the first frames are not lost to a paused sink.
          // Not awaited: the next consumer need not wait a round trip. The server may already
          // have closed it again (a speaker who stopped): then there is nothing to resume.
          this.#client.request('resumeConsumer', { consumerId: n.data.consumerId }).catch((error: unknown) => {
            if (!(error instanceof RequestError && (error.code === 'media.not_found' || error.isTransient))) console.warn('room: resumeConsumer failed', error);
          });
        });
      case 'consumerClosed':
        return this.#enqueue(async (media) => {
          media.closeConsumer(n.data.consumerId);
          store.removeMedia(n.data.consumerId);
        });
      case 'consumerPaused':
        return this.#enqueue(async () => store.updateMedia(n.data.consumerId, { paused: true }));
      case 'consumerResumed':
        return this.#enqueue(async () => store.updateMedia(n.data.consumerId, { paused: false }));
      case 'consumerUpdated':
        return this.#enqueue(async () => store.updateMedia(n.data.consumerId, { role: n.data.role }));
      case 'consumerLayersChanged':
        return this.#enqueue(async () => store.updateMedia(n.data.consumerId, { spatialLayer: n.data.spatialLayer }));
      case 'participantJoined':
      case 'participantUpdated':
        return store.upsertParticipant(n.data);
      case 'participantLeft':
        return store.removeParticipant(n.data.userId);
      case 'activeSpeaker':
        return store.setActiveSpeaker(n.data.userId);
      case 'roomUpdated':
        return store.setRoom(n.data);
      case 'mutedByChair':
        return this.#onMutedByChair(n.data.muted);
      case 'producerDemand':
        return this.#media?.setDemand(n.data.producerId, n.data.spatialLayer);
    }
  }

  /** Consumer work in arrival order, after this join's transports exist, dropped if stale. */
  #enqueue(task: (media: MediaSession) => Promise<void>): void {
    const epoch = this.#epoch;
    this.#consumerQueue = this.#consumerQueue
      .then(async () => {
        await this.#transportsReady;
        const media = this.#media;
        if (this.#isStale(epoch) || !media || media.closed) return;
        await task(media);
      })
      .catch((error: unknown) => {
        if (!this.#isStale(epoch)) console.warn('room: consumer notification failed', error);
      });
  }

  #onMutedByChair(muted: boolean): void {
    this.store.setLocal(muted ? { mutedByChair: true, mic: false } : { mutedByChair: false });
    // The server already paused it; stop sending what nobody receives.
    if (muted) this.#media?.pauseLocally('mic');
    this.store.say(this.#i18n.t(muted ? 'room.mutedByChair' : 'room.unmutedByChair'), muted ? 'error' : 'info');
  }

  /** A failure as the person at the device check should read it. */
  #explain(error: unknown): Error {
    if (error instanceof RequestError) return error;
    // mediasoup-client's UnsupportedError: no WebRTC here, or a page not served over HTTPS.
    if (error instanceof Error && error.name === 'UnsupportedError') return new RequestError('client.unsupported', this.#i18n.t('room.error.unsupported'));
    console.error(error);
    return new RequestError('client.error', this.#i18n.t('error.unexpected'));
  }

  #report(error: unknown): void {
    if (error instanceof RequestError) this.store.say(error.message, 'error');
    else if (error instanceof DOMException) this.store.say(this.#i18n.t('room.error.device'), 'error');
    else {
      console.error(error);
      this.store.say(this.#i18n.t('error.unexpected'), 'error');
    }
  }

  #unlisten(): void {
    window.removeEventListener('online', this.#onNetworkBack);
    document.removeEventListener('visibilitychange', this.#onNetworkBack);
  }

  #finish(reason: EndReason, message: string | null, beforeClosing: Promise<void> = Promise.resolve()): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#teardown();
    this.#settleWaiters(new RequestError(CLIENT_OFFLINE, 'ended'));
    this.local.stopAll();
    this.#unlisten();
    void beforeClosing.then(() => this.#client.close());
    this.store.end(reason, message);
  }
}

function endReason(reason: CloseReason): EndReason {
  return reason === 'media-restart' ? 'error' : reason;
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
