// Fakes for the web room session's unit tests (no browser, no WebRTC, no server): a signalling
// connection that answers like the server, one join's media that records what it sends, and
// local tracks that need no camera. They go through the same interfaces the browser parts
// implement (RoomSignalling, RoomMedia, LocalMedia).
import { LocalMedia } from '../../web/src/features/meeting-room/local-media.ts';
import type { ConsumerInfo, MediaSource, Notification, ParticipantInfo, RequestMethod, ResponseData, RoomState } from '../../web/src/features/meeting-room/protocol.ts';
import { CLIENT_OFFLINE, RequestError } from '../../web/src/features/meeting-room/request-error.ts';
import type { Translate } from '../../web/src/features/meeting-room/room-errors.ts';
import type { ConnectionState, Direction, MediaHooks, OpenMedia, RemoteCandidate, RoomMedia } from '../../web/src/features/meeting-room/room-media.ts';
import type { RequestData, RoomSignalling, RoomSignallingEvents } from '../../web/src/features/meeting-room/room-signalling.ts';

// ---- local tracks ----------------------------------------------------------------------------

/** The parts of a MediaStreamTrack the room's logic touches. */
export class FakeTrack {
  readyState: MediaStreamTrackState = 'live';
  enabled = true;
  readonly kind: 'audio' | 'video';
  readonly label: string;
  readonly #ended = new Set<() => void>();

  constructor(kind: 'audio' | 'video', label: string) {
    this.kind = kind;
    this.label = label;
  }

  stop(): void {
    this.readyState = 'ended';
  }

  getSettings(): { deviceId: string } {
    return { deviceId: this.label };
  }

  addEventListener(type: string, listener: () => void): void {
    if (type === 'ended') this.#ended.add(listener);
  }

  /** The browser ended it (its own "Stop sharing" button, a camera unplugged). */
  endByBrowser(): void {
    this.readyState = 'ended';
    for (const listener of this.#ended) listener();
  }
}

export function track(kind: 'audio' | 'video', label: string): MediaStreamTrack {
  return new FakeTrack(kind, label) as unknown as MediaStreamTrack;
}

/** LocalMedia whose devices open at once: microphone and camera as the device check leaves them. */
export class FakeLocalMedia extends LocalMedia {
  /** Device ids that fail to open (unplugged), with the DOMException name the browser gives. */
  readonly broken = new Map<string, string>();
  opens = 0;

  constructor(o: { mic?: boolean; camera?: boolean } = {}) {
    super();
    if (o.mic ?? true) [this.mic, this.micId] = [track('audio', 'mic-1'), 'mic-1'];
    if (o.camera ?? true) [this.camera, this.cameraId] = [track('video', 'camera-1'), 'camera-1'];
  }

  override async openCamera(deviceId: string | null = this.cameraId): Promise<MediaStreamTrack> {
    const opened = this.#open('video', deviceId ?? 'camera-1');
    this.stopCamera();
    [this.camera, this.cameraId] = [opened, opened.label];
    return opened;
  }

  override async openMic(deviceId: string | null = this.micId): Promise<MediaStreamTrack> {
    const opened = this.#open('audio', deviceId ?? 'mic-1');
    this.stopMic();
    [this.mic, this.micId] = [opened, opened.label];
    return opened;
  }

  override async openScreen(): Promise<MediaStreamTrack> {
    const opened = this.#open('video', 'screen');
    this.stopScreen();
    this.screen = opened;
    return opened;
  }

  #open(kind: 'audio' | 'video', deviceId: string): MediaStreamTrack {
    this.opens++;
    const failure = this.broken.get(deviceId);
    if (failure) throw new DOMException(`${deviceId} cannot be opened`, failure);
    return track(kind, deviceId);
  }
}

// ---- signalling -------------------------------------------------------------------------------

type Answer<M extends RequestMethod> = (data: RequestData<M>) => ResponseData[M] | Promise<ResponseData[M]>;
type Answers = { [M in RequestMethod]?: Answer<M> };

export const MEETING_ID = '00000000-0000-4000-8000-000000000001';
export const ME = '00000000-0000-4000-8000-0000000000aa';

export function participant(userId: string, change: Partial<ParticipantInfo> = {}): ParticipantInfo {
  return {
    userId,
    username: `user-${userId.slice(-2)}`,
    fullName: `Người ${userId.slice(-2)}`,
    title: null,
    unit: { id: 'unit', code: 'd01', name: 'Quận 1' },
    device: 'computer',
    isChair: false,
    mutedByChair: false,
    sending: { mic: true, camera: true, screen: false },
    ...change,
  };
}

export function roomState(change: Partial<RoomState> = {}): RoomState {
  return { meetingId: MEETING_ID, chairId: ME, stageUserId: ME, locked: false, allMuted: false, thumbnailPage: 0, thumbnailPageSize: 6, ...change };
}

/**
 * A socket.io connection and the server behind it: requests are answered (by default as the
 * server would for a joined participant), recorded, and refused while disconnected.
 */
export class FakeSignalling implements RoomSignalling {
  connected = false;
  active = true;
  closed = false;
  /** Whether connect() reaches the server (false: the network is down). */
  reachable = true;
  readonly requests: { method: RequestMethod; data: unknown }[] = [];
  readonly answers: Answers = {};
  readonly #handlers = new Map<string, Set<(...args: never[]) => void>>();
  #producers = 0;

  connect(): void {
    if (this.connected || this.closed || !this.reachable) return;
    queueMicrotask(() => this.up());
  }

  reconnectNow(): void {
    this.connect();
  }

  on<E extends keyof RoomSignallingEvents>(event: E, handler: RoomSignallingEvents[E]): () => void {
    const set = this.#handlers.get(event) ?? new Set();
    set.add(handler);
    this.#handlers.set(event, set);
    return () => void set.delete(handler);
  }

  async request<M extends RequestMethod>(method: M, data: RequestData<M>): Promise<ResponseData[M]> {
    if (!this.connected) throw new RequestError(CLIENT_OFFLINE, 'offline');
    this.requests.push({ method, data });
    const answer = this.answers[method] as Answer<M> | undefined;
    if (answer) return answer(data);
    return this.#defaultAnswer(method, data) as ResponseData[M];
  }

  close(): void {
    this.closed = true;
    this.active = false;
    this.connected = false;
  }

  // ---- what the test does ----

  /** The socket (re)connects. */
  up(): void {
    if (this.connected || this.closed) return;
    this.connected = true;
    this.#emit('connect');
  }

  /** The socket is lost; socket.io tries again by itself (see `reachable`). */
  drop(reason = 'transport close'): void {
    this.connected = false;
    this.#emit('disconnect', reason);
  }

  notify(n: Notification): void {
    this.#emit('notification', n);
  }

  sent(method: RequestMethod): unknown[] {
    return this.requests.filter((r) => r.method === method).map((r) => r.data);
  }

  #emit(event: keyof RoomSignallingEvents, ...args: unknown[]): void {
    for (const handler of [...(this.#handlers.get(event) ?? [])]) (handler as (...a: unknown[]) => void)(...args);
  }

  #defaultAnswer(method: RequestMethod, _data: unknown): unknown {
    switch (method) {
      case 'join':
        return { self: participant(ME, { isChair: true }), participants: [], room: roomState() } satisfies ResponseData['join'];
      case 'produce':
        return { producerId: `producer-${++this.#producers}`, paused: false } satisfies ResponseData['produce'];
      case 'restartIce':
        return { iceParameters: { usernameFragment: 'u', password: 'p' } } satisfies ResponseData['restartIce'];
      default:
        return {};
    }
  }
}

// ---- media -------------------------------------------------------------------------------------

export interface FakeProducer {
  id: string;
  track: MediaStreamTrack;
  paused: boolean;
}

/**
 * One join's media: producers and consumers as plain records, transports as two connection
 * states the test moves. Producing and ICE restarts ask the (fake) server, like MediaSession.
 */
export class FakeMedia implements RoomMedia {
  readonly rtpCapabilities = { codecs: [], headerExtensions: [] };
  closed = false;
  readonly producers = new Map<MediaSource, FakeProducer>();
  readonly consumers = new Map<string, ConsumerInfo>();
  readonly consumed: string[] = [];
  readonly restarts: Direction[] = [];
  readonly demand = new Map<string, number | null>();
  readonly #states: Record<Direction, ConnectionState | null> = { send: null, recv: null };
  /** Set to hold every produce() until it resolves (a slow server). */
  produceGate: Promise<void> | null = null;
  /** Set to hold every consume() until it resolves. */
  consumeGate: Promise<void> | null = null;
  /**
   * What a transport does when it first carries media (mediasoup-client connects it then):
   * connect at once, hang in 'connecting' (a silent address), or stay 'new' (Firefox, which may
   * say nothing before it fails).
   */
  network: NetworkBehaviour = 'connects';

  readonly client: RoomSignalling;
  readonly hooks: MediaHooks;

  constructor(client: RoomSignalling, hooks: MediaHooks) {
    this.client = client;
    this.hooks = hooks;
  }

  canProduce(): boolean {
    return true;
  }

  async createTransports(): Promise<void> {
    await this.client.request('createTransport', { direction: 'recv' });
    await this.client.request('createTransport', { direction: 'send' });
    if (this.closed) throw new Error('media session closed');
    this.#states.send = 'new';
    this.#states.recv = 'new';
  }

  async produce(source: MediaSource, t: MediaStreamTrack): Promise<{ pausedByServer: boolean }> {
    this.#startCarrying('send');
    await this.produceGate;
    const { producerId, paused } = await this.client.request('produce', { transportId: 'send', kind: t.kind as 'audio' | 'video', rtpParameters: {}, source });
    if (this.closed) throw new Error('media session closed');
    this.producers.set(source, { id: producerId, track: t, paused });
    return { pausedByServer: paused };
  }

  hasProducer(source: MediaSource): boolean {
    return this.producers.has(source);
  }

  async replaceTrack(source: MediaSource, t: MediaStreamTrack): Promise<boolean> {
    const producer = this.producers.get(source);
    if (!producer) return false;
    producer.track = t;
    return true;
  }

  async closeProducer(source: MediaSource): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    this.producers.delete(source);
    await this.client.request('closeProducer', { producerId: producer.id });
  }

  async pauseProducer(source: MediaSource): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    producer.paused = true;
    await this.client.request('pauseProducer', { producerId: producer.id });
  }

  async resumeProducer(source: MediaSource): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    await this.client.request('resumeProducer', { producerId: producer.id });
    producer.paused = false;
  }

  pauseLocally(source: MediaSource): void {
    const producer = this.producers.get(source);
    if (producer) producer.paused = true;
  }

  setDemand(producerId: string, spatialLayer: number | null): void {
    this.demand.set(producerId, spatialLayer);
  }

  async consume(info: ConsumerInfo): Promise<MediaStreamTrack> {
    this.consumed.push(info.consumerId);
    this.#startCarrying('recv');
    await this.consumeGate;
    if (this.closed) throw new Error('media session closed');
    this.consumers.set(info.consumerId, info);
    return track(info.kind, info.consumerId);
  }

  closeConsumer(consumerId: string): void {
    this.consumers.delete(consumerId);
  }

  connectionState(direction: Direction): ConnectionState | null {
    return this.#states[direction];
  }

  carries(direction: Direction): boolean {
    return direction === 'send' ? this.producers.size > 0 : this.consumers.size > 0 || this.consumed.length > 0;
  }

  #startCarrying(direction: Direction): void {
    if (this.#states[direction] !== 'new' || this.network === 'stays-new') return;
    this.transport(direction, this.network === 'connects' ? 'connected' : 'connecting');
  }

  remoteCandidates(): readonly RemoteCandidate[] {
    return [
      { address: '203.0.113.1', port: 40000, protocol: 'udp' },
      { address: '203.0.113.1', port: 40000, protocol: 'tcp' },
    ];
  }

  async restartIce(direction: Direction): Promise<void> {
    this.restarts.push(direction);
    await this.client.request('restartIce', { transportId: direction });
  }

  async stats(): Promise<RTCStatsReport[]> {
    return [];
  }

  close(): void {
    this.closed = true;
  }

  // ---- what the test does ----

  /** A transport's connection state changes, as the browser would report it. */
  transport(direction: Direction, state: ConnectionState): void {
    this.#states[direction] = state;
    this.hooks.onTransportState(direction, state);
  }

  /** What is being sent and heard: sources with a producer that is not paused. */
  get sending(): MediaSource[] {
    return [...this.producers].filter(([, p]) => !p.paused).map(([source]) => source);
  }
}

/** OpenMedia for the session: every join's FakeMedia is kept, the newest last. */
export type NetworkBehaviour = 'connects' | 'hangs' | 'stays-new';

export function fakeMediaOpener(o: { network?: NetworkBehaviour } = {}): OpenMedia & { readonly opened: FakeMedia[]; readonly latest: FakeMedia } {
  const opened: FakeMedia[] = [];
  const open: OpenMedia = async (client, meetingId, hooks) => {
    await client.request('getRouterRtpCapabilities', { meetingId });
    const media = new FakeMedia(client, hooks);
    media.network = o.network ?? 'connects';
    opened.push(media);
    return media;
  };
  return Object.defineProperties(open, {
    opened: { value: opened },
    latest: {
      get(): FakeMedia {
        const media = opened.at(-1);
        if (!media) throw new Error('no media opened yet');
        return media;
      },
    },
  }) as OpenMedia & { readonly opened: FakeMedia[]; readonly latest: FakeMedia };
}

/** What the server sends when a consumer is created for us. */
export function consumer(consumerId: string, change: Partial<ConsumerInfo> = {}): ConsumerInfo {
  return {
    consumerId,
    producerId: `producer-of-${consumerId}`,
    kind: 'video',
    rtpParameters: { codecs: [] } as unknown as ConsumerInfo['rtpParameters'],
    userId: '00000000-0000-4000-8000-0000000000bb',
    source: 'camera',
    role: 'thumbnail',
    producerPaused: false,
    ...change,
  };
}

/** The i18n lookup, returning the key: tests read which message was chosen. */
export const t: Translate = (key, ..._params) => key;

/** Lets queued promise work (and zero-delay timers) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
