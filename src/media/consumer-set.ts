// Keeps each participant's consumers equal to what the policy wants: creates the missing ones
// (paused until the client is ready), closes the unwanted, and moves a consumer between the
// stage and the thumbnails by changing its preferred simulcast layer — no new consumer, so the
// picture never blinks. One reconciliation per peer at a time; requests during a run repeat it.
import type { Consumer, Producer } from 'mediasoup/types';
import { MediaError } from './media-error.ts';
import type { ConsumerEntry, Peer } from './peer.ts';
import type { RoomPolicy, Wanted } from './policy.ts';
import type { ProducerDemand } from './producer-demand.ts';
import type { Layers, MediaSource } from './types.ts';

export interface ProducerRecord {
  producer: Producer;
  peer: Peer;
  source: MediaSource;
}

export interface ConsumerSetOptions {
  policy: () => RoomPolicy;
  producer: (id: string) => ProducerRecord | undefined;
  /** Makes the producer consumable on the viewer's router (pipes across workers). */
  ensureOn: (producer: Producer, owner: Peer, viewer: Peer) => Promise<void>;
  demand: ProducerDemand;
  log: { warn(obj: object, msg: string): void };
}

export class ConsumerSet {
  readonly #o: ConsumerSetOptions;

  constructor(o: ConsumerSetOptions) {
    this.#o = o;
  }

  /** Brings `peer` in line with the policy soon; coalesces bursts of changes. */
  schedule(peer: Peer): void {
    if (peer.closed) return;
    peer.dirty = true;
    if (peer.reconciling) return;
    peer.reconciling = true;
    void (async () => {
      try {
        while (peer.dirty && !peer.closed) {
          peer.dirty = false;
          await this.#reconcile(peer);
        }
      } finally {
        peer.reconciling = false;
      }
    })();
  }

  async resume(peer: Peer, consumerId: string): Promise<void> {
    await this.#find(peer, consumerId).consumer.resume();
  }

  /** The client's own ceiling (a weak link); the policy's layer stays the upper bound. */
  async limitLayers(peer: Peer, consumerId: string, spatialLayer: number, temporalLayer?: number): Promise<void> {
    const entry = this.#find(peer, consumerId);
    entry.client = { spatialLayer, temporalLayer };
    await this.#applyLayers(entry);
  }

  /** Sets the consumer's preferred layers and moves its count in the producer's demand. */
  async #applyLayers(entry: ConsumerEntry): Promise<void> {
    if (entry.consumer.type !== 'simulcast' || entry.consumer.closed) return;
    const { policy, client } = entry;
    const spatialLayer = effectiveLayer(entry.consumer, policy, client);
    this.#o.demand.move(entry.consumer.producerId, entry.demandLayer, spatialLayer);
    entry.demandLayer = spatialLayer;
    const temporal = Math.min(policy.temporalLayer ?? Infinity, client?.temporalLayer ?? Infinity);
    await entry.consumer.setPreferredLayers(Number.isFinite(temporal) ? { spatialLayer, temporalLayer: temporal } : { spatialLayer });
  }

  #find(peer: Peer, consumerId: string): ConsumerEntry {
    for (const entry of peer.consumers.values()) if (entry.consumer.id === consumerId) return entry;
    throw new MediaError('not-found');
  }

  async #reconcile(peer: Peer): Promise<void> {
    const recv = peer.recvTransport;
    if (!recv) return;
    const wanted = this.#o.policy().wantedBy(peer.userId, peer.thumbnailPage);
    for (const [producerId, entry] of peer.consumers) {
      if (!wanted.has(producerId)) this.#close(peer, producerId, entry.consumer);
    }
    for (const [producerId, want] of wanted) {
      if (peer.closed) return;
      const entry = peer.consumers.get(producerId);
      if (entry) await this.#update(peer, entry, want);
      else await this.#consume(peer, producerId, want).catch((err: unknown) => this.#o.log.warn({ err, producerId, userId: peer.userId }, 'consume failed'));
    }
  }

  async #update(peer: Peer, entry: ConsumerEntry, want: Wanted): Promise<void> {
    if (entry.role === want.role && entry.policy.spatialLayer === want.spatialLayer && entry.policy.temporalLayer === want.temporalLayer) return;
    entry.role = want.role;
    entry.policy = layersOf(want);
    await this.#applyLayers(entry);
    peer.notify({ type: 'consumer-role-changed', consumerId: entry.consumer.id, role: want.role });
  }

  async #consume(peer: Peer, producerId: string, want: Wanted): Promise<void> {
    const record = this.#o.producer(producerId);
    const recv = peer.recvTransport;
    if (!record || !recv || record.producer.closed) return;
    await this.#o.ensureOn(record.producer, record.peer, peer);
    if (!peer.router.canConsume({ producerId, rtpCapabilities: peer.rtpCapabilities })) return;
    const simulcast = record.producer.type === 'simulcast';
    const consumer = await recv.consume({
      producerId,
      rtpCapabilities: peer.rtpCapabilities,
      paused: true,
      ...(simulcast ? { preferredLayers: layersOf(want) } : {}),
      appData: { userId: record.peer.userId, source: record.source },
    });
    // The wish may have changed while we awaited: let the next run sort it out.
    if (peer.closed || peer.consumers.has(producerId)) {
      consumer.close();
      return;
    }
    const entry: ConsumerEntry = { consumer, role: want.role, policy: layersOf(want), demandLayer: effectiveLayer(consumer, layersOf(want)) };
    peer.consumers.set(producerId, entry);
    peer.worker.consumers++;
    this.#o.demand.add(producerId, entry.demandLayer);
    const gone = () => this.#close(peer, producerId, consumer);
    consumer.on('transportclose', gone);
    consumer.on('producerclose', gone);
    consumer.on('producerpause', () => peer.notify({ type: 'consumer-paused', consumerId: consumer.id }));
    consumer.on('producerresume', () => peer.notify({ type: 'consumer-resumed', consumerId: consumer.id }));
    consumer.on('layerschange', (layers) =>
      peer.notify({ type: 'consumer-layers-changed', consumerId: consumer.id, spatialLayer: layers?.spatialLayer ?? null, temporalLayer: layers?.temporalLayer ?? null }),
    );
    peer.notify({
      type: 'consumer-added',
      consumer: {
        consumerId: consumer.id,
        producerId,
        kind: consumer.kind,
        rtpParameters: consumer.rtpParameters,
        userId: record.peer.userId,
        source: record.source,
        role: want.role,
        producerPaused: consumer.producerPaused,
      },
    });
  }

  #close(peer: Peer, producerId: string, consumer: Consumer): void {
    const entry = peer.consumers.get(producerId);
    if (entry?.consumer !== consumer) return;
    peer.consumers.delete(producerId);
    peer.worker.consumers--;
    this.#o.demand.remove(producerId, entry.demandLayer);
    if (!consumer.closed) consumer.close();
    peer.notify({ type: 'consumer-closed', consumerId: consumer.id });
  }
}

function layersOf(want: Wanted): Layers {
  return want.temporalLayer === undefined ? { spatialLayer: want.spatialLayer } : { spatialLayer: want.spatialLayer, temporalLayer: want.temporalLayer };
}

/** The spatial layer a consumer receives: the policy's, lowered where the client asked for less. */
function effectiveLayer(consumer: Consumer, policy: Layers, client?: Layers): number {
  return consumer.type === 'simulcast' ? Math.min(policy.spatialLayer, client?.spatialLayer ?? Infinity) : 0;
}
