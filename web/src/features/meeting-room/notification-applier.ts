import type { MediaNotification } from './protocol.ts';
import type { RoomMedia } from './room-media.ts';
import type { RoomStore } from './room-store.ts';

/** What the server pushes about the room itself: only the store changes. */
export type StoreNotification = Extract<
  MediaNotification,
  {
    method:
      | 'participantJoined'
      | 'participantUpdated'
      | 'participantLeft'
      | 'activeSpeaker'
      | 'roomUpdated'
      | 'consumerPaused'
      | 'consumerResumed'
      | 'consumerUpdated'
      | 'consumerLayersChanged';
  }
>;

/** What one join applies; `closed`, `rejoin` and `mutedByChair` are the session's own business. */
export type JoinNotification = Exclude<MediaNotification, { method: 'closed' | 'rejoin' | 'mutedByChair' }>;

/**
 * Applies a notification to the store. Idempotent: the same notification twice (a server
 * retry, a replay after a reconnect) leaves the store as once.
 */
export function applyToStore(store: RoomStore, n: StoreNotification): void {
  switch (n.method) {
    case 'participantJoined':
    case 'participantUpdated':
      return store.upsertParticipant(n.data);
    case 'participantLeft':
      return store.removeParticipant(n.data.userId);
    case 'activeSpeaker':
      return store.setActiveSpeaker(n.data.userId);
    case 'roomUpdated':
      return store.setRoom(n.data);
    case 'consumerPaused':
      return store.updateMedia(n.data.consumerId, { paused: true });
    case 'consumerResumed':
      return store.updateMedia(n.data.consumerId, { paused: false });
    case 'consumerUpdated':
      return store.updateMedia(n.data.consumerId, { role: n.data.role });
    case 'consumerLayersChanged':
      return store.updateMedia(n.data.consumerId, { spatialLayer: n.data.spatialLayer });
  }
}

export interface NotificationApplierOptions {
  readonly store: RoomStore;
  /** This join's media; consumers are created on its receive transport. */
  readonly media: RoomMedia;
  /** Settles once this join's transports exist: consumer work waits for it. */
  readonly transportsReady: Promise<void>;
  /** Asks the server to start sending a consumer now shown. */
  resumeConsumer(consumerId: string): void;
}

/**
 * One join's notifications into the store. Consumer notifications run one after another in the
 * order the server sent them (a consumer must exist before it is paused or closed); once the
 * join is over (`close()`), whatever is still queued is dropped.
 */
export class NotificationApplier {
  readonly #o: NotificationApplierOptions;
  #queue: Promise<void> = Promise.resolve();
  #closed = false;
  /** Consumers announced in this join: one announced twice is still consumed once. */
  readonly #announced = new Set<string>();

  constructor(options: NotificationApplierOptions) {
    this.#o = options;
  }

  apply(n: JoinNotification): void {
    if (this.#closed) return;
    const { store, media } = this.#o;
    switch (n.method) {
      case 'consumerAdded': {
        const info = n.data;
        if (this.#announced.has(info.consumerId)) return;
        this.#announced.add(info.consumerId);
        return this.#enqueue(async () => {
          const track = await media.consume(info);
          if (this.#closed) return;
          store.addMedia(info, track);
          // Resumed once its element exists, so the first frames are not lost to a paused sink.
          this.#o.resumeConsumer(info.consumerId);
        });
      }
      case 'consumerClosed':
        return this.#enqueue(async () => {
          media.closeConsumer(n.data.consumerId);
          store.removeMedia(n.data.consumerId);
        });
      case 'consumerPaused':
      case 'consumerResumed':
      case 'consumerUpdated':
      case 'consumerLayersChanged':
        return this.#enqueue(async () => applyToStore(store, n));
      case 'producerDemand':
        return media.setDemand(n.data.producerId, n.data.spatialLayer);
      default:
        return applyToStore(store, n);
    }
  }

  /** The join is over: queued work is dropped, later notifications ignored. */
  close(): void {
    this.#closed = true;
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue
      .then(async () => {
        await this.#o.transportsReady;
        if (this.#closed || this.#o.media.closed) return;
        await task();
      })
      .catch((error: unknown) => {
        if (!this.#closed) console.warn('room: consumer notification failed', error);
      });
  }
}
