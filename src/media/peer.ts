// One participant's presence in a room on this node: their transports, producers and
// consumers, and the callback that reaches them. Who they are and whether they are muted is
// decided by the caller (the signalling layer, from its database); the Peer only holds what
// mediasoup needs.
import type { Consumer, Producer, Router, RtpCapabilities, Transport } from 'mediasoup/types';
import type { MediaWorker } from './media-workers.ts';
import type { RoomRouter } from './room-routers.ts';
import type { ConsumerRole, Layers, MediaSource, ParticipantProfile, ParticipantState, PeerEvent, PeerEventListener } from './types.ts';

export interface ConsumerEntry {
  consumer: Consumer;
  role: ConsumerRole;
  /** The policy's layers for this role. */
  policy: Layers;
  /** A lower ceiling the client asked for (weak link); undefined: none. */
  client?: Layers;
  /** The spatial layer this consumer counts for in the producer's demand. */
  demandLayer: number;
}

export interface PeerOptions {
  profile: ParticipantProfile;
  device: string | null;
  isChair: boolean;
  rtpCapabilities: RtpCapabilities;
  notify: PeerEventListener;
  /** The router (and worker) this participant's transports live on. */
  home: RoomRouter;
  /** Monotonic per room: join order for the gallery. */
  seq: number;
}

export class Peer {
  readonly userId: string;
  readonly profile: ParticipantProfile;
  readonly device: string | null;
  readonly isChair: boolean;
  readonly rtpCapabilities: RtpCapabilities;
  readonly home: RoomRouter;
  readonly seq: number;
  /** WebRtcTransports for browsers; benchmarks attach PlainTransports (Room.attachTransport). */
  readonly transports = new Map<string, Transport>();
  readonly producers = new Map<MediaSource, Producer>();
  /** Keyed by producer id: at most one consumer per producer. */
  readonly consumers = new Map<string, ConsumerEntry>();
  thumbnailPage = 0;
  /** Set while the connection is gone and the peer waits for its owner to come back (Room.detach). */
  graceTimer: NodeJS.Timeout | undefined;
  /** Transports being created: they count against the limit before they exist (Room.createTransport). */
  pendingTransports = 0;
  #notify: PeerEventListener;
  #closed = false;
  // Reconciling with the policy runs one at a time per peer; a request during a run marks it
  // dirty and the run repeats (consumer-set.ts).
  reconciling = false;
  dirty = false;

  constructor(o: PeerOptions) {
    this.userId = o.profile.userId;
    this.profile = o.profile;
    this.device = o.device;
    this.isChair = o.isChair;
    this.rtpCapabilities = o.rtpCapabilities;
    this.home = o.home;
    this.seq = o.seq;
    this.#notify = o.notify;
  }

  get router(): Router {
    return this.home.router;
  }

  get worker(): MediaWorker {
    return this.home.worker;
  }

  get closed(): boolean {
    return this.#closed;
  }

  notify(event: PeerEvent): void {
    if (!this.#closed) this.#notify(event);
  }

  /** The transport the client consumes on (the first 'recv' one it created). */
  get recvTransport(): Transport | undefined {
    for (const t of this.transports.values()) if (t.appData.direction === 'recv' && !t.closed) return t;
    return undefined;
  }

  info(mutedByChair: boolean): ParticipantState {
    const sending = (s: MediaSource) => {
      const p = this.producers.get(s);
      return p !== undefined && !p.closed && !p.paused;
    };
    return {
      ...this.profile,
      device: this.device,
      isChair: this.isChair,
      mutedByChair,
      sending: { mic: sending('mic'), camera: sending('camera'), screen: sending('screen') },
    };
  }

  /** Closes every transport (and so its producers and consumers). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.graceTimer);
    for (const t of this.transports.values()) t.close();
    this.transports.clear();
  }
}
