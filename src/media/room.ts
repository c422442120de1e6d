// One live meeting on this node: its routers, its peers and what each receives. The facts
// (who is muted, the stage, the lock) are decided in Postgres by the signalling layer and
// mirrored here onto mediasoup objects; a Room can always be rebuilt from them.
import { EventEmitter } from 'node:events';
import type { DtlsParameters, MediaKind, Producer, RtpCapabilities, RtpParameters, Transport, WebRtcTransport } from 'mediasoup/types';
import { AppError } from '../errors/app-error.ts';
import type { ParticipantProfile } from '../meetings/live-meeting.service.ts';
import type { CloseReason, MediaSource, Notification, ParticipantInfo, RoomState, TransportInfo } from '../contract/realtime.ts';
import { withoutAbsCaptureTime } from './codecs.ts';
import { ConsumerSet } from './consumer-set.ts';
import { ProducerDemand } from './producer-demand.ts';
import type { MediaWorkers } from './media-workers.ts';
import { Peer } from './peer.ts';
import { RoomPolicy, type PolicyParticipant } from './policy.ts';
import { RoomRouters } from './room-routers.ts';

export interface RoomLimits {
  consumersPerWorker: number;
  thumbnailsPerPage: number;
  audibleSpeakers: number;
  reconnectGraceMs: number;
}

export interface RoomFacts {
  meetingId: string;
  chairId: string;
  stageUserId: string | null;
  locked: boolean;
  allMuted: boolean;
}

type Log = { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

export interface JoinOptions {
  profile: ParticipantProfile;
  device: string | null;
  rtpCapabilities: RtpCapabilities;
  mutedByChair: boolean;
  notify: (n: Notification) => void;
}

const SOURCE_KIND: Record<MediaSource, MediaKind> = { mic: 'audio', camera: 'video', screen: 'video', 'screen-audio': 'audio' };
const MAX_TRANSPORTS = 4;
const DEMAND_SETTLE_MS = 2000;
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
  readonly #producers = new Map<string, { producer: Producer; peer: Peer; source: MediaSource }>();
  readonly #consumers: ConsumerSet;
  /** How much of each producer its consumers receive (ConsumerSet keeps it up to date). */
  readonly #demand: ProducerDemand;
  /** The demand last told to each video producer's sender, and pending decreases. */
  readonly #toldDemand = new Map<string, number | null>();
  readonly #demandTimers = new Map<string, NodeJS.Timeout>();
  #recentSpeakers: string[] = [];
  #policy: RoomPolicy | undefined;
  #seq = 0;
  #closed = false;

  private constructor(facts: RoomFacts, limits: RoomLimits, routers: RoomRouters, log: Log) {
    super();
    this.meetingId = facts.meetingId;
    this.#facts = { ...facts };
    this.#limits = limits;
    this.#routers = routers;
    this.#log = log;
    this.#demand = new ProducerDemand((producerId) => this.#announceDemand(producerId));
    this.#consumers = new ConsumerSet({
      policy: () => this.policy,
      producer: (id) => this.#producers.get(id),
      ensureOn: (producer, owner, viewer) => this.#routers.ensureOn(producer, owner.router, viewer.router),
      demand: this.#demand,
      log,
    });
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

  get size(): number {
    return this.#peers.size;
  }

  get rtpCapabilities(): RtpCapabilities {
    return this.#routers.first.router.rtpCapabilities;
  }

  get policy(): RoomPolicy {
    this.#policy ??= new RoomPolicy({
      participants: [...this.#peers.values()].sort((a, b) => a.seq - b.seq).map(policyParticipant),
      chairId: this.#facts.chairId,
      stageUserId: this.#facts.stageUserId,
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

  participants(): ParticipantInfo[] {
    return [...this.#peers.values()].sort((a, b) => a.seq - b.seq).map((p) => p.info(this.#muted.has(p.userId)));
  }

  /**
   * Adds a participant. The same account joining again replaces its earlier connection (a
   * reconnect): the others see one participant updated, not a second one.
   */
  async join(o: JoinOptions): Promise<{ peer: Peer; self: ParticipantInfo; participants: ParticipantInfo[]; room: RoomState }> {
    this.#assertOpen();
    const userId = o.profile.userId;
    const previous = this.#peers.get(userId);
    if (previous) {
      previous.notify({ method: 'closed', data: { reason: 'replaced' } });
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
    this.#broadcast({ method: previous ? 'participantUpdated' : 'participantJoined', data: self }, peer);
    return { peer, self, participants: this.participants(), room: this.state(peer) };
  }

  /** The participant leaves for good (or the grace after a lost connection ran out). */
  leave(peer: Peer): void {
    if (this.#peers.get(peer.userId) !== peer) return;
    this.#dropPeer(peer);
    this.#broadcast({ method: 'participantLeft', data: { userId: peer.userId } });
    this.#reconcileAll();
    if (this.#peers.size === 0) this.close();
  }

  /** The socket is gone: keep the place for the grace period, then leave. */
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
    if (peer.transports.size >= MAX_TRANSPORTS) throw new AppError('media.limit');
    const transport = await peer.router.createWebRtcTransport({
      webRtcServer: peer.worker.webRtcServer,
      enableUdp: !forceTcp,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { direction },
    });
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
      throw new AppError('media.not_joined');
    }
    transport.appData.direction = direction;
    peer.transports.set(transport.id, transport);
    transport.observer.once('close', () => peer.transports.delete(transport.id));
    // Consumers need a receive transport; a client hears of them after this answer.
    if (direction === 'recv') setImmediate(() => this.#consumers.schedule(peer));
  }

  async connectTransport(peer: Peer, transportId: string, dtlsParameters: unknown): Promise<void> {
    const transport = this.#transport(peer, transportId);
    await mediaCall(() => transport.connect({ dtlsParameters: dtlsParameters as DtlsParameters }));
  }

  async restartIce(peer: Peer, transportId: string) {
    const transport = this.#transport(peer, transportId);
    if (transport.type !== 'webrtc') throw new AppError('media.invalid');
    return (transport as WebRtcTransport).restartIce();
  }

  async produce(peer: Peer, o: { transportId: string; kind: MediaKind; rtpParameters: unknown; source: MediaSource }): Promise<{ producerId: string; paused: boolean }> {
    const transport = this.#transport(peer, o.transportId);
    if (transport.appData.direction !== 'send' || SOURCE_KIND[o.source] !== o.kind) throw new AppError('media.invalid');
    // One producer per source: a new camera replaces the old one.
    peer.producers.get(o.source)?.close();
    const muted = o.source === 'mic' && this.#muted.has(peer.userId);
    const producer = await mediaCall(() =>
      transport.produce({
        kind: o.kind,
        rtpParameters: withoutAbsCaptureTime(o.rtpParameters as RtpParameters),
        paused: muted,
        appData: { userId: peer.userId, source: o.source },
      }),
    );
    if (peer.closed) {
      producer.close();
      throw new AppError('media.not_joined');
    }
    peer.producers.set(o.source, producer);
    this.#producers.set(producer.id, { producer, peer, source: o.source });
    producer.observer.once('close', () => {
      if (peer.producers.get(o.source) === producer) peer.producers.delete(o.source);
      this.#producers.delete(producer.id);
      this.#toldDemand.delete(producer.id);
      clearTimeout(this.#demandTimers.get(producer.id));
      this.#demandTimers.delete(producer.id);
      this.#policy = undefined;
      if (!this.#closed) {
        this.#announce(peer);
        this.#reconcileAll();
      }
    });
    if (o.source === 'mic') {
      await this.#routers.hear(producer, peer.router).catch((err: unknown) => this.#log.warn({ err, userId: peer.userId }, 'active speaker observer: microphone not added'));
    }
    this.#policy = undefined;
    this.#announceDemand(producer.id);
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

  /** The chair's mute wins: a muted microphone stays paused whatever the client asks. */
  async resumeProducer(peer: Peer, producerId: string): Promise<void> {
    const producer = this.#ownProducer(peer, producerId);
    if (producer.appData.source === 'mic' && this.#muted.has(peer.userId)) throw new AppError('meeting.muted_by_chair');
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
    peer.notify({ method: 'roomUpdated', data: this.state(peer) });
    this.#consumers.schedule(peer);
  }

  // Moderation, mirrored after the signalling layer wrote it to Postgres.

  async setMuted(userId: string, muted: boolean): Promise<void> {
    if (muted) this.#muted.add(userId);
    else this.#muted.delete(userId);
    const peer = this.#peers.get(userId);
    if (!peer) return;
    const mic = peer.producers.get('mic');
    if (muted && mic && !mic.closed) await mic.pause();
    peer.notify({ method: 'mutedByChair', data: { muted } });
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

  /** The chair removed this participant: tell them, then they leave. */
  remove(userId: string): void {
    const peer = this.#peers.get(userId);
    if (!peer) return;
    peer.notify({ method: 'closed', data: { reason: 'removed' } });
    this.leave(peer);
  }

  /** Closes the room; with a reason, its participants are told (rejoin after a media restart). */
  close(reason?: CloseReason): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.#peers.values()) {
      if (reason === 'media-restart') peer.notify({ method: 'rejoin', data: { reason } });
      else if (reason) peer.notify({ method: 'closed', data: { reason } });
      peer.close();
    }
    this.#peers.clear();
    for (const timer of this.#demandTimers.values()) clearTimeout(timer);
    this.#routers.close();
    this.emit('closed');
  }

  #dropPeer(peer: Peer): void {
    this.#peers.delete(peer.userId);
    peer.close();
    this.#policy = undefined;
  }

  /** A router's ActiveSpeakerObserver picked a new dominant speaker. */
  onDominantSpeaker(producer: Producer): void {
    const userId = producer.appData.userId as string | undefined;
    if (!userId || this.#closed) return;
    this.#broadcast({ method: 'activeSpeaker', data: { userId } });
    if (this.#recentSpeakers[0] === userId) return;
    const before = this.policy.audible.join();
    this.#recentSpeakers = [userId, ...this.#recentSpeakers.filter((u) => u !== userId)].slice(0, RECENT_SPEAKERS_KEPT);
    this.#policy = undefined;
    if (this.policy.audible.join() !== before) this.#reconcileAll();
  }

  /**
   * Tells a sender the highest simulcast layer anyone receives of its video (null: nobody), so
   * its browser encodes no more than that. More demand is told at once; less only after it has
   * lasted DEMAND_SETTLE_MS, so paging through thumbnails does not make encoders flap.
   */
  #announceDemand(producerId: string): void {
    const record = this.#producers.get(producerId);
    if (!record || record.producer.kind !== 'video' || this.#closed) return;
    const tell = () => {
      this.#demandTimers.delete(producerId);
      const now = this.#demand.top(producerId);
      if (this.#toldDemand.get(producerId) === now || record.producer.closed) return;
      this.#toldDemand.set(producerId, now);
      record.peer.notify({ method: 'producerDemand', data: { producerId, spatialLayer: now } });
    };
    const told = this.#toldDemand.get(producerId);
    const now = this.#demand.top(producerId);
    clearTimeout(this.#demandTimers.get(producerId));
    // A new producer starts with every layer; "less" (even "nothing yet") waits like any decrease.
    if ((now ?? -1) > (told ?? -1)) tell();
    else this.#demandTimers.set(producerId, setTimeout(tell, DEMAND_SETTLE_MS).unref());
  }

  #reconcileAll(): void {
    for (const peer of this.#peers.values()) this.#consumers.schedule(peer);
  }

  #announce(peer: Peer): void {
    if (this.#peers.get(peer.userId) === peer) this.#broadcast({ method: 'participantUpdated', data: peer.info(this.#muted.has(peer.userId)) });
  }

  #broadcastState(): void {
    for (const peer of this.#peers.values()) peer.notify({ method: 'roomUpdated', data: this.state(peer) });
  }

  #broadcast(n: Notification, except?: Peer): void {
    for (const peer of this.#peers.values()) if (peer !== except) peer.notify(n);
  }

  #assertOpen(): void {
    if (this.#closed) throw new AppError('media.unavailable');
  }

  #assertMember(peer: Peer): void {
    if (peer.closed || this.#peers.get(peer.userId) !== peer) throw new AppError('media.not_joined');
  }

  #transport(peer: Peer, transportId: string) {
    this.#assertMember(peer);
    const transport = peer.transports.get(transportId);
    if (!transport) throw new AppError('media.not_found');
    return transport;
  }

  #ownProducer(peer: Peer, producerId: string): Producer {
    this.#assertMember(peer);
    const entry = this.#producers.get(producerId);
    if (!entry || entry.peer !== peer) throw new AppError('media.not_found');
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
    if (err instanceof TypeError) throw new AppError('media.invalid', { cause: err, extra: { detail: err.message } });
    throw err;
  }
}
