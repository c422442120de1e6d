import type { MeetingLink } from '../../base/meeting/index.ts';
import type { DeviceKind, LocalMedia } from './local-media.ts';
import { ConnectionRecovery } from './connection-recovery.ts';
import { LocalControls } from './local-controls.ts';
import type { NetworkWake } from './network-wake.ts';
import { NotificationApplier } from './notification-applier.ts';
import { isMediaNotification, type CloseReason, type Notification, type RequestMethod, type ResponseData } from './protocol.ts';
import { CLIENT_OFFLINE, RequestError } from './request-error.ts';
import { explainJoinError, reportError, type Translate } from './room-errors.ts';
import type { OpenMedia, RemoteCandidate, RoomMedia } from './room-media.ts';
import type { RequestData, RoomSignalling } from './room-signalling.ts';
import { RoomStore, type EndReason } from './room-store.ts';
import { TransportWatch } from './transport-watch.ts';

/** Leaving waits at most this for the server to take note. */
const LEAVE_TIMEOUT_MS = 1500;
/** How long the first connection may take before the device check says so. */
const FIRST_CONNECT_TIMEOUT_MS = 10_000;

export type ModerationMethod = 'mute' | 'unmute' | 'muteAll' | 'removeParticipant' | 'lock' | 'setStage';

export interface RoomSessionOptions {
  readonly meetingId: string;
  readonly t: Translate;
  /** The tracks the device check opened; the session sends them and stops them when it ends. */
  readonly local: LocalMedia;
  readonly initial: { mic: boolean; camera: boolean };
  /** What this device is, for the participant list. */
  readonly device: DeviceKind;
  readonly client: RoomSignalling;
  readonly openMedia: OpenMedia;
  readonly networkWake: NetworkWake;
}

/**
 * One person's presence in one meeting, across reconnects: joins (router capabilities →
 * Device → join → transports → send own tracks), and ends (leave, removal, the meeting's end).
 * The rest it hands to its parts: LocalControls (microphone, camera, screen, devices),
 * NotificationApplier (what the server pushes → the store, one per join), TransportWatch (ICE
 * restarts, one per join) and ConnectionRecovery (joining again). Local tracks survive every
 * reconnect; only the end of the session stops them.
 */
export class RoomSession implements MeetingLink {
  readonly store = new RoomStore();
  readonly local: LocalMedia;
  readonly #meetingId: string;
  readonly #t: Translate;
  readonly #device: DeviceKind;
  readonly #client: RoomSignalling;
  readonly #openMedia: OpenMedia;
  readonly #controls: LocalControls;
  readonly #recovery: ConnectionRecovery;
  readonly #unwake: () => void;
  readonly #joinedListeners = new Set<() => void>();
  #media: RoomMedia | null = null;
  #applier: NotificationApplier | null = null;
  #watch: TransportWatch | null = null;
  /** Bumped by every join and teardown: late results of an older join are dropped. */
  #epoch = 0;
  /** True once the server acknowledged this epoch's join: its notifications apply from then. */
  #accepting = false;
  #transportsCreated = false;
  #started = false;
  #ended = false;

  constructor(options: RoomSessionOptions) {
    this.#meetingId = options.meetingId;
    this.#t = options.t;
    this.#device = options.device;
    this.#client = options.client;
    this.#openMedia = options.openMedia;
    this.local = options.local;
    this.store.local.mic = options.initial.mic && this.local.mic !== null;
    this.store.local.camera = options.initial.camera && this.local.camera !== null;
    this.#controls = new LocalControls({
      store: this.store,
      local: this.local,
      t: this.#t,
      media: { live: () => this.#live(), current: () => this.#current() },
    });
    this.#recovery = new ConnectionRecovery({
      client: this.#client,
      store: this.store,
      t: this.#t,
      session: {
        started: () => this.#started,
        ended: () => this.#ended,
        rejoin: async () => {
          this.#teardown();
          await this.#join();
        },
        finish: (reason, message) => this.#finish(reason, message),
        giveUpMedia: (failures) => this.#giveUpMedia(failures),
      },
    });
    this.#client.on('connect', () => this.#recovery.settleWaiters(null));
    this.#client.on('disconnect', (reason) => {
      if (!this.#ended && reason !== 'io client disconnect') this.#accepting = false;
      this.#recovery.onDisconnect(reason);
    });
    this.#client.on('connectError', (error) => this.#recovery.onConnectError(error));
    this.#client.on('notification', (n) => this.#onNotification(n));
    // The network is back, or a sleeping tablet woke up: do not wait out the back-off.
    this.#unwake = options.networkWake(() => {
      if (!this.#ended) this.#client.reconnectNow();
    });
  }

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
      await this.#recovery.waitForConnect(FIRST_CONNECT_TIMEOUT_MS);
      await this.#join();
      this.#started = true;
    } catch (error) {
      // The device check stays, with its tracks, for another try with a new session.
      this.#ended = true;
      this.#teardown();
      this.#unwake();
      this.#client.close();
      throw explainJoinError(this.#t, error);
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

  // ---- what the views ask for ----------------------------------------------------------------

  setMic(on: boolean): Promise<void> {
    return this.#controls.setMic(on);
  }

  setCamera(on: boolean): Promise<void> {
    return this.#controls.setCamera(on);
  }

  setScreen(on: boolean): Promise<void> {
    return this.#controls.setScreen(on);
  }

  switchDevice(source: 'camera' | 'mic', deviceId: string): Promise<void> {
    return this.#controls.switchDevice(source, deviceId);
  }

  async setThumbnailPage(page: number): Promise<void> {
    try {
      await this.#client.request('setThumbnailPage', { page: Math.max(0, page) });
    } catch (error) {
      reportError(this.store, this.#t, error);
    }
  }

  /** The chair's moderation; a refusal is shown with the server's message. */
  async moderate<M extends ModerationMethod>(method: M, data: RequestData<M>): Promise<boolean> {
    try {
      await this.#client.request(method, data);
      return true;
    } catch (error) {
      reportError(this.store, this.#t, error);
      return false;
    }
  }

  /** After the session gave up on the media (status 'media-failed'): try again from a new join. */
  retryMedia(): void {
    if (!this.#ended && this.store.status === 'media-failed') this.#recovery.retryMedia();
  }

  /** RTCPeerConnection statistics of the current transports (the quality indicator reads them). */
  async stats(): Promise<RTCStatsReport[]> {
    return this.#media && !this.#media.closed ? this.#media.stats() : [];
  }

  // ---- joining -----------------------------------------------------------------------------

  async #join(): Promise<void> {
    const epoch = ++this.#epoch;
    this.#accepting = false;
    let watch: TransportWatch | null = null;
    const media = await this.#openMedia(this.#client, this.#meetingId, {
      onTransportState: (direction, state) => void watch?.onState(direction, state),
    });
    if (this.#isStale(epoch)) {
      media.close();
      throw superseded();
    }
    this.#media = media;
    this.#watch = watch = new TransportWatch({
      media,
      client: this.#client,
      store: this.store,
      repairs: {
        recovering: () => this.#recovery.recovering,
        failed: () => this.#recovery.mediaFailed(),
        flowing: () => this.#recovery.mediaFlowing(),
        rejoin: () => void this.#recovery.recover(),
      },
    });
    const joined = await this.#client.request('join', { meetingId: this.#meetingId, rtpCapabilities: media.rtpCapabilities, device: this.#device });
    if (this.#isStale(epoch)) throw superseded();
    this.store.applyJoin(joined);
    for (const listener of [...this.#joinedListeners]) listener();
    if (joined.self.mutedByChair) this.store.setLocal({ mic: false });
    const transportsReady = media.createTransports();
    // Notifications apply from here on (consumer work waits for the transports).
    this.#applier = new NotificationApplier({
      store: this.store,
      media,
      transportsReady,
      resumeConsumer: (consumerId) => this.#resumeConsumer(consumerId),
    });
    this.#accepting = true;
    await transportsReady;
    if (this.#isStale(epoch)) throw superseded();
    this.#transportsCreated = true;
    await this.#controls.publish(media);
    if (this.#isStale(epoch)) throw superseded();
    // "Connected" once the media flows, not when the server answered.
    watch.start();
  }

  /** Not awaited: the next consumer need not wait a round trip. */
  #resumeConsumer(consumerId: string): void {
    this.#client.request('resumeConsumer', { consumerId }).catch((error: unknown) => {
      // The server may already have closed it again (a speaker who stopped): nothing to resume.
      if (!(error instanceof RequestError && (error.code === 'media.not_found' || error.isTransient))) console.warn('room: resumeConsumer failed', error);
    });
  }

  #isStale(epoch: number): boolean {
    return this.#ended || epoch !== this.#epoch;
  }

  #live(): RoomMedia | null {
    return this.#accepting && this.#transportsCreated && this.#media && !this.#media.closed ? this.#media : null;
  }

  #current(): RoomMedia | null {
    return this.#media && !this.#media.closed ? this.#media : null;
  }

  #teardown(): void {
    this.#epoch++;
    this.#accepting = false;
    this.#transportsCreated = false;
    this.#watch?.stop();
    this.#watch = null;
    this.#applier?.close();
    this.#applier = null;
    this.#media?.close();
    this.#media = null;
    this.store.clearMedia();
  }

  /**
   * The media could not get through, time after time: stop repairing (the room stays joined,
   * its participant list live), show why, and have the server log it for the administrator.
   */
  #giveUpMedia(failures: number): void {
    const media = this.#media;
    if (this.#ended || !media) return;
    const report = { failures, send: media.connectionState('send'), recv: media.connectionState('recv') };
    this.store.setMediaFailure({ serverAddress: describeCandidates(media.remoteCandidates()) });
    this.#watch?.stop();
    this.#watch = null;
    // The others should not see a camera and microphone on that send nothing.
    for (const source of ['mic', 'camera', 'screen'] as const) media.closeProducer(source).catch(() => {});
    media.close();
    this.store.clearMedia();
    this.store.setStatus('media-failed');
    this.#client.request('reportMediaFailure', report).catch(() => {});
  }

  // ---- what the server pushes --------------------------------------------------------------

  #onNotification(n: Notification): void {
    // The socket also carries the user's and the meeting's other pushes: theirs to handle.
    if (this.#ended || !isMediaNotification(n)) return;
    switch (n.method) {
      case 'closed':
        // While we (re)join on this socket the server may retire our previous connection.
        if (n.data.reason === 'replaced' && !this.#accepting) return;
        return this.#finish(endReason(n.data.reason), null);
      case 'rejoin':
        return void this.#recovery.recover();
      case 'mutedByChair':
        if (this.#accepting) this.#controls.onMutedByChair(n.data.muted);
        return;
      default:
        if (this.#accepting) this.#applier?.apply(n);
    }
  }

  #finish(reason: EndReason, message: string | null, beforeClosing: Promise<void> = Promise.resolve()): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#teardown();
    this.#recovery.settleWaiters(new RequestError(CLIENT_OFFLINE, 'ended'));
    this.local.stopAll();
    this.#unwake();
    void beforeClosing.then(() => this.#client.close());
    this.store.end(reason, message);
  }
}

/** "203.0.113.1 (UDP 40000, TCP 40000)": where the server told the browser to send media. */
function describeCandidates(candidates: readonly RemoteCandidate[]): string | null {
  const byAddress = new Map<string, Set<string>>();
  for (const c of candidates) {
    const ports = byAddress.get(c.address) ?? new Set<string>();
    ports.add(`${c.protocol.toUpperCase()} ${c.port}`);
    byAddress.set(c.address, ports);
  }
  return byAddress.size === 0 ? null : [...byAddress].map(([address, ports]) => `${address} (${[...ports].join(', ')})`).join('; ');
}

function superseded(): RequestError {
  return new RequestError(CLIENT_OFFLINE, 'superseded');
}

function endReason(reason: CloseReason): EndReason {
  return reason === 'media-restart' ? 'error' : reason;
}
