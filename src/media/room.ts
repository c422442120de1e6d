// One live meeting on this node: its routers, its peers and what each receives. The facts
// (who is muted, the stage, the lock) are decided by the caller (the signalling layer, in its
// database) and mirrored here onto mediasoup objects; a Room can always be rebuilt from them.
// A room nobody is in closes itself: at once when the last participant leaves, after
// `idleRoomMs` when it was opened (for its capabilities) and nobody came.
import { EventEmitter } from 'node:events';
import type { DtlsParameters, IceParameters, MediaKind, Producer, RtpCapabilities, RtpParameters, Transport, WebRtcTransport } from 'mediasoup/types';
import { withoutAbsCaptureTime } from './codecs.ts';
import { ConsumerSet, type ProducerRecord } from './consumer-set.ts';
import { DemandAnnouncer } from './demand-announcer.ts';
import { MediaError } from './media-error.ts';
import type { MediaWorkers } from './media-workers.ts';
import { Peer } from './peer.ts';
import { RoomPolicy, type PolicyParticipant } from './policy.ts';
import { ProducerDemand } from './producer-demand.ts';
import { RoomRouters } from './room-routers.ts';
import {
  SOURCE_KIND,
  type LeaveReason,
  type MediaLog,
  type MediaSource,
  type ParticipantProfile,
  type ParticipantState,
  type PeerEvent,
  type PeerEventListener,
  type RoomCloseReason,
  type RoomFacts,
  type RoomState,
  type TransportInfo,
} from './types.ts';

export interface RoomLimits {
  /** Consumers on a worker past which a room serves new participants from another worker. */
  consumersPerWorker: number;
  thumbnailsPerPage: number;
  /** Besides the chair and the stage: how many recent active speakers everyone hears. */
  audibleSpeakers: number;
  /** How long a dropped connection keeps its place before the others see it leave. */
  reconnectGraceMs: number;
  /** How long a room nobody joined stays open (opened for its capabilities, then abandoned). */
  idleRoomMs: number;
}

type Log = Pick<MediaLog, 'warn' | 'error'>;

export interface JoinOptions {
  profile: ParticipantProfile;
  device: string | null;
  rtpCapabilities: RtpCapabilities;
  mutedByChair: boolean;
  /** Everything the room tells this participant from now on. */
  notify: PeerEventListener;
}

export interface Joined {
  peer: Peer;
  self: ParticipantState;
  participants: ParticipantState[];
  room: RoomState;
}

export interface ProduceOptions {
  transportId: string;
  kind: MediaKind;
  rtpParameters: RtpParameters;
  source: MediaSource;
}

/** Per participant: a send and a receive transport, and room for a reconnect's new pair. */
export const MAX_TRANSPORTS = 4;
const RECENT_SPEAKERS_KEPT = 16;

export class Room extends EventEmitter<{ closed: [] }> {
  readonly meetingId: string;
  readonly #facts: RoomFacts;
  readonly #limits: RoomLimits;
  readonly #routers: RoomRouters;
  readonly #log: Log;
  readonly #peers = new Map<string, Peer>();
  readonly #muted = new Set<string>();
  /** Every producer of the room by id, with its owner. */
  readonly #producers = new Map<string, ProducerRecord>();
  readonly #consumers: ConsumerSet;
  /** How much of each producer its consumers receive (ConsumerSet keeps it up to date). */
  readonly #demand: ProducerDemand;
  readonly #announcer: DemandAnnouncer;
  #recentSpeakers: string[] = [];
  #policy: RoomPolicy | undefined;
  #seq = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(facts: RoomFacts, limits: RoomLimits, routers: RoomRouters, log: Log) {
    super();
    this.meetingId = facts.meetingId;
    this.#facts = { ...facts };
    this.#limits = limits;
    this.#routers = routers;
    this.#log = log;
    this.#demand = new ProducerDemand((producerId) => this.#announcer.changed(producerId));
    this.#announcer = new DemandAnnouncer(this.#demand, (id) => this.#producers.get(id));
    this.#consumers = new ConsumerSet({
      policy: () => this.policy,
      producer: (id) => this.#producers.get(id),
      ensureOn: (producer, owner, viewer) => this.#routers.ensureOn(producer, owner.router, viewer.router),
      demand: this.#demand,
      log,
    });
    this.#closeWhenIdle();
  }

  static async create(facts: RoomFacts, workers: MediaWorkers, limits: RoomLimits, log: Log): Promise<Room> {
    // The routers' events need the room, which needs the routers: bind through a holder.
    const self: { room?: Room } = {};
    const routers = await RoomRouters.create({
      workers,
      consumersPerWorker: limits.consumersPerWorker,
      onDominantSpeaker: (producer) => self.room?.onDominantSpeaker(producer),
      onWorkerClosed: () => self.room?.close('media-restart'),
    });
    self.room = new Room(facts, limits, routers, log);
    return self.room;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get rtpCapabilities(): RtpCapabilities {
    return this.#routers.first.router.rtpCapabilities;
  }

  get policy(): RoomPolicy {
    this.#policy ??= new RoomPolicy({
      participants: [...this.#peers.values()].sort((a, b) => a.seq - b.seq).map(policyParticipant),
      chairId: this.#facts.chairId,
      stageUserId: this.#facts.stageUserId,
      floorUserId: this.#facts.floorUserId ?? null,
      recentSpeakers: this.#recentSpeakers,
      audibleSpeakers: this.#limits.audibleSpeakers,
      thumbnailsPerPage: this.#limits.thumbnailsPerPage,
    });
    return this.#policy;
  }

  peer(userId: string): Peer | undefined {
    return this.#peers.get(userId);
  }

  state(peer?: Peer): RoomState {
    return {
      meetingId: this.meetingId,
      chairId: this.#facts.chairId,
      stageUserId: this.policy.stageUserId,
      locked: this.#facts.locked,
      allMuted: this.#facts.allMuted,
      thumbnailPage: peer?.thumbnailPage ?? 0,
      thumbnailPageSize: this.#limits.thumbnailsPerPage,
    };
  }

  participants(): ParticipantState[] {
    return [...this.#peers.values()].sort((a, b) => a.seq - b.seq).map((p) => p.info(this.#muted.has(p.userId)));
  }

  /**
   * Adds a participant. The same account joining again replaces its earlier connection (a
   * reconnect): the others see one participant updated, not a second one.
   */
  async join(o: JoinOptions): Promise<Joined> {
    this.#assertOpen();
    clearTimeout(this.#idleTimer);
    try {
      const userId = o.profile.userId;
      const previous = this.#peers.get(userId);
      if (previous) {
        this.#end(previous, 'replaced');
        this.#dropPeer(previous);
      }
      const home = await this.#routers.place();
      this.#assertOpen();
      const peer = new Peer({ ...o, isChair: userId === this.#facts.chairId, home, seq: this.#seq++ });
      this.#peers.set(userId, peer);
      if (o.mutedByChair) this.#muted.add(userId);
      else this.#muted.delete(userId);
      this.#policy = undefined;
      const self = peer.info(this.#muted.has(userId));
      this.#broadcast({ type: previous ? 'participant-updated' : 'participant-joined', participant: self }, peer);
      return { peer, self, participants: this.participants(), room: this.state(peer) };
    } finally {
      // A join that failed leaves the room as empty as it found it.
      if (this.#peers.size === 0) this.#closeWhenIdle();
    }
  }

  /** The participant leaves for good (or the grace after a lost connection ran out). */
  leave(peer: Peer): void {
    if (this.#peers.get(peer.userId) !== peer) return;
    this.#dropPeer(peer);
    this.#broadcast({ type: 'participant-left', userId: peer.userId });
    this.#reconcileAll();
    if (this.#peers.size === 0) this.close();
  }

  /** The connection is gone: keep the place for the grace period, then leave. */
  detach(peer: Peer, onExpired: () => void): void {
    if (this.#peers.get(peer.userId) !== peer || peer.graceTimer) return;
    peer.graceTimer = setTimeout(() => {
      peer.graceTimer = undefined;
      if (this.#peers.get(peer.userId) !== peer) return;
      this.leave(peer);
      onExpired();
    }, this.#limits.reconnectGraceMs);
    peer.graceTimer.unref();
  }

  async createTransport(peer: Peer, direction: 'send' | 'recv', forceTcp = false): Promise<TransportInfo> {
    this.#assertMember(peer);
    // Counted before the await: requests sent at once must not all pass the check.
    if (peer.transports.size + peer.pendingTransports >= MAX_TRANSPORTS) throw new MediaError('limit');
    peer.pendingTransports++;
    let transport: WebRtcTransport;
    try {
      transport = await peer.router.createWebRtcTransport({
        webRtcServer: peer.worker.webRtcServer,
        enableUdp: !forceTcp,
        enableTcp: true,
        preferUdp: true,
        initialAvailableOutgoingBitrate: 1_000_000,
        appData: { direction },
      });
    } finally {
      peer.pendingTransports--;
    }
    this.attachTransport(peer, transport, direction);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  /**
   * Adds a transport made on the peer's router. Browsers get WebRtcTransports from
   * createTransport(); the SFU benchmarks attach PlainTransports feeding UDP counters, so they
   * measure these very rooms and policies.
   */
  attachTransport(peer: Peer, transport: Transport, direction: 'send' | 'recv'): void {
    if (peer.closed) {
      transport.close();
      throw new MediaError('not-joined');
    }
    transport.appData.direction = direction;
    peer.transports.set(transport.id, transport);
    transport.observer.once('close', () => peer.transports.delete(transport.id));
    // Consumers need a receive transport; a client hears of them after this answer.
    if (direction === 'recv') setImmediate(() => this.#consumers.schedule(peer));
  }

  async connectTransport(peer: Peer, transportId: string, dtlsParameters: DtlsParameters): Promise<void> {
    const transport = this.#transport(peer, transportId);
    await mediaCall(() => transport.connect({ dtlsParameters }));
  }

  async restartIce(peer: Peer, transportId: string): Promise<IceParameters> {
    const transport = this.#transport(peer, transportId);
    if (transport.type !== 'webrtc') throw new MediaError('invalid', { detail: 'not a WebRTC transport' });
    return (transport as WebRtcTransport).restartIce();
  }

  /**
   * Starts sending one source. One producer per source: a new camera replaces the old one. An
   * audio source of a participant the chair muted starts paused.
   */
  async produce(peer: Peer, o: ProduceOptions): Promise<{ producerId: string; paused: boolean }> {
    const transport = this.#transport(peer, o.transportId);
    if (transport.appData.direction !== 'send' || SOURCE_KIND[o.source] !== o.kind) throw new MediaError('invalid', { detail: `${o.kind} as ${o.source}` });
    peer.producers.get(o.source)?.close();
    const audio = o.kind === 'audio';
    const producer = await mediaCall(() =>
      transport.produce({
        kind: o.kind,
        rtpParameters: withoutAbsCaptureTime(o.rtpParameters),
        paused: audio && this.#muted.has(peer.userId),
        appData: { userId: peer.userId, source: o.source },
      }),
    );
    if (peer.closed) {
      producer.close();
      throw new MediaError('not-joined');
    }
    // Two produce requests for one source at once: the later answer replaces the earlier.
    peer.producers.get(o.source)?.close();
    peer.producers.set(o.source, producer);
    this.#producers.set(producer.id, { producer, peer, source: o.source });
    producer.observer.once('close', () => {
      if (peer.producers.get(o.source) === producer) peer.producers.delete(o.source);
      this.#producers.delete(producer.id);
      this.#announcer.forget(producer.id);
      this.#policy = undefined;
      if (!this.#closed) {
        this.#announce(peer);
        this.#reconcileAll();
      }
    });
    // The chair's mute may have come while mediasoup made the producer.
    if (audio && this.#muted.has(peer.userId) && !producer.paused) {
      await producer.pause().catch((err: unknown) => {
        if (!producer.closed) throw err;
      });
    }
    if (o.source === 'mic') {
      await this.#routers.hear(producer, peer.router).catch((err: unknown) => this.#log.warn({ err, userId: peer.userId }, 'active speaker observer: microphone not added'));
    }
    this.#policy = undefined;
    this.#announcer.changed(producer.id);
    this.#announce(peer);
    this.#reconcileAll();
    return { producerId: producer.id, paused: producer.paused };
  }

  closeProducer(peer: Peer, producerId: string): void {
    this.#ownProducer(peer, producerId).close();
  }

  async pauseProducer(peer: Peer, producerId: string): Promise<void> {
    await this.#ownProducer(peer, producerId).pause();
    this.#announce(peer);
  }

  /** The chair's mute wins: a muted participant's audio stays paused whatever the client asks. */
  async resumeProducer(peer: Peer, producerId: string): Promise<void> {
    const producer = this.#ownProducer(peer, producerId);
    if (producer.kind === 'audio' && this.#muted.has(peer.userId)) throw new MediaError('muted-by-chair');
    await producer.resume();
    this.#announce(peer);
  }

  resumeConsumer(peer: Peer, consumerId: string): Promise<void> {
    this.#assertMember(peer);
    return this.#consumers.resume(peer, consumerId);
  }

  setConsumerPreferredLayers(peer: Peer, consumerId: string, spatialLayer: number, temporalLayer?: number): Promise<void> {
    this.#assertMember(peer);
    return this.#consumers.limitLayers(peer, consumerId, spatialLayer, temporalLayer);
  }

  setThumbnailPage(peer: Peer, page: number): void {
    this.#assertMember(peer);
    peer.thumbnailPage = Math.min(page, Math.max(0, this.policy.pageCount(peer.userId) - 1));
    peer.notify({ type: 'room-updated', room: this.state(peer) });
    this.#consumers.schedule(peer);
  }

  // Moderation, mirrored after the caller recorded it.

  /** The chair's mute covers every audio source of the participant (microphone and screen audio). */
  async setMuted(userId: string, muted: boolean): Promise<void> {
    if (muted) this.#muted.add(userId);
    else this.#muted.delete(userId);
    const peer = this.#peers.get(userId);
    if (!peer) return;
    if (muted) {
      const audio = [...peer.producers.values()].filter((p) => p.kind === 'audio' && !p.closed);
      // Paused even when it looks paused: a resume may still be on its way to the worker.
      await Promise.all(audio.map((p) => p.pause()));
    }
    peer.notify({ type: 'muted-by-chair', muted });
    this.#announce(peer);
  }

  async setAllMuted(allMuted: boolean, userIds: readonly string[]): Promise<void> {
    this.#facts.allMuted = allMuted;
    await Promise.all(userIds.map((id) => this.setMuted(id, allMuted)));
    this.#broadcastState();
  }

  setLocked(locked: boolean): void {
    this.#facts.locked = locked;
    this.#broadcastState();
  }

  setStage(userId: string | null): void {
    this.#facts.stageUserId = userId;
    this.#policy = undefined;
    this.#broadcastState();
    this.#reconcileAll();
  }

  /**
   * The floor from the queue: the holder goes on stage and only they and the chair are heard
   * (null: the floor is free again, the chair on stage, active speakers heard).
   */
  setFloor(userId: string | null): void {
    this.#facts.floorUserId = userId;
    this.setStage(userId);
  }

  /** The chair removed this participant: tell them, then they leave. */
  remove(userId: string): void {
    const peer = this.#peers.get(userId);
    if (!peer) return;
    this.#end(peer, 'removed');
    this.leave(peer);
  }

  /** Closes the room; with a reason, its participants are told (rejoin after a media restart). Idempotent. */
  close(reason?: RoomCloseReason): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    for (const peer of this.#peers.values()) {
      if (reason === 'media-restart') peer.notify({ type: 'rejoin' });
      else if (reason) this.#end(peer, reason);
      peer.close();
    }
    this.#peers.clear();
    this.#announcer.close();
    this.#routers.close();
    this.emit('closed');
  }

  /** A router's ActiveSpeakerObserver picked a new dominant speaker. */
  onDominantSpeaker(producer: Producer): void {
    const userId = producer.appData.userId as string | undefined;
    if (!userId || this.#closed) return;
    this.#broadcast({ type: 'active-speaker', userId });
    if (this.#recentSpeakers[0] === userId) return;
    const before = this.policy.audible.join();
    this.#recentSpeakers = [userId, ...this.#recentSpeakers.filter((u) => u !== userId)].slice(0, RECENT_SPEAKERS_KEPT);
    this.#policy = undefined;
    if (this.policy.audible.join() !== before) this.#reconcileAll();
  }

  #closeWhenIdle(): void {
    clearTimeout(this.#idleTimer);
    if (this.#closed) return;
    this.#idleTimer = setTimeout(() => {
      if (this.#peers.size === 0) this.close();
    }, this.#limits.idleRoomMs).unref();
  }

  #dropPeer(peer: Peer): void {
    this.#peers.delete(peer.userId);
    peer.close();
    this.#policy = undefined;
  }

  #end(peer: Peer, reason: LeaveReason): void {
    peer.notify({ type: 'left', reason });
  }

  #reconcileAll(): void {
    for (const peer of this.#peers.values()) this.#consumers.schedule(peer);
  }

  #announce(peer: Peer): void {
    if (this.#peers.get(peer.userId) === peer) this.#broadcast({ type: 'participant-updated', participant: peer.info(this.#muted.has(peer.userId)) });
  }

  #broadcastState(): void {
    for (const peer of this.#peers.values()) peer.notify({ type: 'room-updated', room: this.state(peer) });
  }

  #broadcast(event: PeerEvent, except?: Peer): void {
    for (const peer of this.#peers.values()) if (peer !== except) peer.notify(event);
  }

  #assertOpen(): void {
    if (this.#closed) throw new MediaError('room-closed');
  }

  #assertMember(peer: Peer): void {
    if (peer.closed || this.#peers.get(peer.userId) !== peer) throw new MediaError('not-joined');
  }

  #transport(peer: Peer, transportId: string): Transport {
    this.#assertMember(peer);
    const transport = peer.transports.get(transportId);
    if (!transport) throw new MediaError('not-found');
    return transport;
  }

  #ownProducer(peer: Peer, producerId: string): Producer {
    this.#assertMember(peer);
    const entry = this.#producers.get(producerId);
    if (!entry || entry.peer !== peer) throw new MediaError('not-found');
    return entry.producer;
  }
}

function policyParticipant(p: Peer): PolicyParticipant {
  const id = (s: MediaSource) => p.producers.get(s)?.id;
  return { userId: p.userId, camera: id('camera'), mic: id('mic'), screen: id('screen'), screenAudio: id('screen-audio') };
}

/** mediasoup refuses bad parameters with TypeError: that is the client's mistake, not ours. */
async function mediaCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TypeError) throw new MediaError('invalid', { cause: err, detail: err.message });
    throw err;
  }
}
