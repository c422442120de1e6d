import { Device, type types } from 'mediasoup-client';
import type { ConsumerInfo, MediaSource } from './protocol.ts';
import type { Direction, MediaHooks, RemoteCandidate, RoomMedia } from './room-media.ts';
import type { RoomSignalling } from './room-signalling.ts';

type Transport = types.Transport;
type Producer = types.Producer;
type Consumer = types.Consumer;

/**
 * Camera simulcast: three layers (¼, ½ and full 720p) so the server can send a thumbnail at the
 * smallest and the stage at the largest without asking anyone to re-encode. Three temporal
 * layers each (L1T3): thumbnails get the base one, a quarter of the frames, which is what keeps
 * a page of thumbnails cheap in a 600-site meeting (src/media/policy.ts).
 */
const CAMERA_ENCODINGS: types.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 1_500_000, scalabilityMode: 'L1T3' },
];
/**
 * Firefox ignores `scalabilityMode`: its lowest layer carries every frame, so its thumbnails
 * reached viewers at about 15 fps instead of the 5 of Chromium's base temporal layer (a quarter
 * of the camera's rate), costing two to three times what the meeting-capacity figures assume.
 * A frame-rate cap on that layer makes it cost what Chromium's does. Measured side by side
 * (test/e2e/meeting-firefox.test.ts, Firefox ESR 153): a cap of 10 gives 5 fps, like Chromium's
 * thumbnail in the same run; 7.5 gave 3–4 (Firefox drops more frames than the cap says).
 */
const FIREFOX_THUMBNAIL_MAX_FRAMERATE = 10;

/** The camera's encodings for this browser (a fresh copy: mediasoup-client writes `rid` into them). */
export function cameraEncodings(handlerName: string): types.RtpEncodingParameters[] {
  const encodings = CAMERA_ENCODINGS.map((encoding) => ({ ...encoding }));
  const lowest = encodings[0];
  if (handlerName.startsWith('Firefox') && lowest) lowest.maxFramerate = FIREFOX_THUMBNAIL_MAX_FRAMERATE;
  return encodings;
}

/** A shared document: one sharp layer; text matters more than motion. */
const SCREEN_ENCODINGS: types.RtpEncodingParameters[] = [{ maxBitrate: 1_500_000, maxFramerate: 15 }];

/**
 * One join's worth of mediasoup-client: the Device loaded with the room's router capabilities,
 * a send and a receive transport, and the producers and consumers on them. A reconnect throws
 * the whole thing away and builds a new one; the local tracks outlive it (see LocalMedia), so
 * the camera light does not blink and nothing is asked of the user again.
 */
export class MediaSession implements RoomMedia {
  readonly #client: RoomSignalling;
  readonly #device: Device;
  readonly #hooks: MediaHooks;
  #send: Transport | null = null;
  #recv: Transport | null = null;
  readonly #producers = new Map<MediaSource, Producer>();
  readonly #consumers = new Map<string, Consumer>();
  /** The server's latest demand per producer id (producerDemand), kept until the producer exists. */
  readonly #demand = new Map<string, number | null>();
  /** The server's answer to the last produce per source: paused there (muted by the chair). */
  readonly #serverPaused = new Map<MediaSource, boolean>();
  #candidates: RemoteCandidate[] = [];
  #closed = false;

  private constructor(client: RoomSignalling, device: Device, hooks: MediaHooks) {
    this.#client = client;
    this.#device = device;
    this.#hooks = hooks;
  }

  /** Asks the room's router capabilities and loads a Device with them. */
  static async create(client: RoomSignalling, meetingId: string, hooks: MediaHooks): Promise<MediaSession> {
    const routerRtpCapabilities = await client.request('getRouterRtpCapabilities', { meetingId });
    const device = await Device.factory();
    await device.load({ routerRtpCapabilities });
    return new MediaSession(client, device, hooks);
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.#device.recvRtpCapabilities;
  }

  get closed(): boolean {
    return this.#closed;
  }

  canProduce(kind: 'audio' | 'video'): boolean {
    return this.#device.canProduce(kind);
  }

  /** Both at once: one round trip less before media flows again after a reconnect. */
  async createTransports(): Promise<void> {
    const sends = this.canProduce('audio') || this.canProduce('video');
    const [recv, send] = await Promise.all([
      this.#client.request('createTransport', { direction: 'recv' }),
      sends ? this.#client.request('createTransport', { direction: 'send' }) : null,
    ]);
    this.#assertOpen();
    this.#candidates = [recv, send].flatMap((t) => t?.iceCandidates ?? []).map(({ address, port, protocol }) => ({ address, port, protocol }));
    this.#recv = this.#wire(this.#device.createRecvTransport(recv), 'recv');
    if (send) this.#send = this.#wire(this.#device.createSendTransport(send), 'send');
  }

  #wire(transport: Transport, direction: Direction): Transport {
    if (this.#closed) {
      transport.close();
      throw new Error('media session closed');
    }
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.#client.request('connectTransport', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const source = appData.source as MediaSource;
        this.#client.request('produce', { transportId: transport.id, kind, rtpParameters, source }).then(({ producerId, paused }) => {
          this.#serverPaused.set(source, paused);
          callback({ id: producerId });
        }, errback);
      });
    }
    transport.on('connectionstatechange', (state) => {
      if (!this.#closed) this.#hooks.onTransportState(direction, state);
    });
    return transport;
  }

  /**
   * Sends a local track. Returns whether the server keeps it paused (a microphone the chair
   * muted); the caller then pauses it here too so nothing is sent for nothing.
   */
  async produce(source: MediaSource, track: MediaStreamTrack): Promise<{ pausedByServer: boolean }> {
    const transport = this.#send;
    if (!transport) throw new Error('no send transport');
    this.#producers.get(source)?.close();
    const options: types.ProducerOptions = {
      track,
      // The tracks belong to LocalMedia and outlive this session (reconnects reuse them).
      stopTracks: false,
      appData: { source },
    };
    if (source === 'camera') {
      options.encodings = cameraEncodings(this.#device.handlerName);
      // Named explicitly: without it mediasoup-client takes the first codec the browser offers,
      // which in Debian's Chromium is not VP8, and simulcast needs VP8 here.
      options.codec = this.#codec('video/vp8');
      options.codecOptions = { videoGoogleStartBitrate: 1000 };
    } else if (source === 'screen') {
      options.encodings = SCREEN_ENCODINGS.map((encoding) => ({ ...encoding }));
      options.codec = this.#codec('video/vp8');
    } else {
      options.codec = this.#codec('audio/opus');
      options.codecOptions = { opusStereo: false, opusDtx: true, opusFec: true };
    }
    const producer = await transport.produce(options);
    if (this.#closed) {
      producer.close();
      throw new Error('media session closed');
    }
    this.#producers.set(source, producer);
    this.#applyDemand(producer);
    const pausedByServer = this.#serverPaused.get(source) ?? false;
    if (pausedByServer) producer.pause();
    return { pausedByServer };
  }

  #codec(mimeType: string): types.RtpCodecCapability | undefined {
    return this.#device.sendRtpCapabilities.codecs?.find((codec) => codec.mimeType.toLowerCase() === mimeType);
  }

  hasProducer(source: MediaSource): boolean {
    const producer = this.#producers.get(source);
    return producer !== undefined && !producer.closed;
  }

  /**
   * Another camera or microphone: the same producer sends the new track, so the others keep
   * their consumers and see no gap beyond a frame or two. False when nothing is being sent.
   */
  async replaceTrack(source: MediaSource, track: MediaStreamTrack): Promise<boolean> {
    const producer = this.#producers.get(source);
    if (!producer || producer.closed) return false;
    await producer.replaceTrack({ track });
    return true;
  }

  /** Stops sending a source for good (camera off, end of screen share). */
  async closeProducer(source: MediaSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer) return;
    this.#producers.delete(source);
    producer.close();
    await this.#client.request('closeProducer', { producerId: producer.id });
  }

  /** Microphone off: paused locally at once, then on the server so the others see it. */
  async pauseProducer(source: MediaSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer || producer.closed) return;
    producer.pause();
    await this.#client.request('pauseProducer', { producerId: producer.id });
  }

  /** Microphone on: the server first (it refuses while the chair keeps us muted), then here. */
  async resumeProducer(source: MediaSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer || producer.closed) return;
    await this.#client.request('resumeProducer', { producerId: producer.id });
    producer.resume();
  }

  /**
   * The highest simulcast layer anyone receives of one of our videos (null: nobody). The
   * encoder keeps the layers up to it and drops the others (the lowest always stays, so a
   * thumbnail can start at once): in a big meeting most sites are nobody's stage.
   */
  setDemand(producerId: string, spatialLayer: number | null): void {
    this.#demand.set(producerId, spatialLayer);
    for (const producer of this.#producers.values()) if (producer.id === producerId) this.#applyDemand(producer);
  }

  #applyDemand(producer: Producer): void {
    const demand = this.#demand.get(producer.id);
    if (demand === undefined || producer.closed || producer.rtpParameters.encodings?.length !== CAMERA_ENCODINGS.length) return;
    producer.setMaxSpatialLayer(Math.max(0, demand ?? 0)).catch((error: unknown) => console.warn('room: setMaxSpatialLayer failed', error));
  }

  /** The chair muted us: the server paused the producer; stop sending it too. */
  pauseLocally(source: MediaSource): void {
    const producer = this.#producers.get(source);
    if (producer && !producer.closed) producer.pause();
  }

  /** Receives what the server decided to send; the caller resumes it once it is shown. */
  async consume(info: ConsumerInfo): Promise<MediaStreamTrack> {
    const transport = this.#recv;
    if (!transport) throw new Error('no receive transport');
    const consumer = await transport.consume({
      id: info.consumerId,
      producerId: info.producerId,
      kind: info.kind,
      rtpParameters: info.rtpParameters,
      // Audio and video of one person in one stream: the browser keeps them in lip sync.
      streamId: `${info.userId}-${info.source === 'screen' || info.source === 'screen-audio' ? 'screen' : 'camera'}`,
      appData: { userId: info.userId, source: info.source },
    });
    if (this.#closed) {
      consumer.close();
      throw new Error('media session closed');
    }
    this.#consumers.set(info.consumerId, consumer);
    return consumer.track;
  }

  closeConsumer(consumerId: string): void {
    this.#consumers.get(consumerId)?.close();
    this.#consumers.delete(consumerId);
  }

  transportId(direction: Direction): string | null {
    return (direction === 'send' ? this.#send : this.#recv)?.id ?? null;
  }

  connectionState(direction: Direction): types.ConnectionState | null {
    return (direction === 'send' ? this.#send : this.#recv)?.connectionState ?? null;
  }

  carries(direction: Direction): boolean {
    return direction === 'send' ? this.#producers.size > 0 : this.#consumers.size > 0;
  }

  remoteCandidates(): readonly RemoteCandidate[] {
    return this.#candidates;
  }

  /** ICE restart with the parameters the server just generated for this transport. */
  async restartIce(direction: Direction): Promise<void> {
    const transport = direction === 'send' ? this.#send : this.#recv;
    if (!transport || transport.closed) return;
    const { iceParameters } = await this.#client.request('restartIce', { transportId: transport.id });
    await transport.restartIce({ iceParameters });
  }

  /** The peer connections' own statistics (RTT, losses), per transport. */
  async stats(): Promise<RTCStatsReport[]> {
    const transports = [this.#send, this.#recv].filter((t): t is Transport => t !== null && !t.closed);
    return Promise.all(transports.map((t) => t.getStats()));
  }

  /** Closes the transports (and with them every producer and consumer); tracks stay. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#send?.close();
    this.#recv?.close();
    this.#producers.clear();
    this.#consumers.clear();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('media session closed');
  }
}
