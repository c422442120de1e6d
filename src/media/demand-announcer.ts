// Tells a sender the highest simulcast layer anyone receives of its video (null: nobody), so its
// browser encodes no more than that. More demand is told at once; less only after it has lasted
// settleMs, so paging through thumbnails does not make encoders flap.
import type { Peer } from './peer.ts';
import type { ProducerRecord } from './consumer-set.ts';
import type { ProducerDemand } from './producer-demand.ts';

const DEMAND_SETTLE_MS = 2000;

export class DemandAnnouncer {
  readonly #demand: ProducerDemand;
  readonly #producer: (id: string) => ProducerRecord | undefined;
  readonly #settleMs: number;
  /** The demand last told to each video producer's sender, and pending decreases. */
  readonly #told = new Map<string, number | null>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #closed = false;

  constructor(demand: ProducerDemand, producer: (id: string) => ProducerRecord | undefined, settleMs = DEMAND_SETTLE_MS) {
    this.#demand = demand;
    this.#producer = producer;
    this.#settleMs = settleMs;
  }

  /** The demand for `producerId` may have changed. */
  changed(producerId: string): void {
    const record = this.#producer(producerId);
    if (!record || record.producer.kind !== 'video' || this.#closed) return;
    const told = this.#told.get(producerId);
    const now = this.#demand.top(producerId);
    clearTimeout(this.#timers.get(producerId));
    // A new producer starts with every layer; "less" (even "nothing yet") waits like any decrease.
    if ((now ?? -1) > (told ?? -1)) this.#tell(producerId, record.peer);
    else this.#timers.set(producerId, setTimeout(() => this.#tell(producerId, record.peer), this.#settleMs).unref());
  }

  /** The producer closed. */
  forget(producerId: string): void {
    this.#told.delete(producerId);
    clearTimeout(this.#timers.get(producerId));
    this.#timers.delete(producerId);
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #tell(producerId: string, owner: Peer): void {
    this.#timers.delete(producerId);
    const now = this.#demand.top(producerId);
    const record = this.#producer(producerId);
    if (this.#told.get(producerId) === now || !record || record.producer.closed) return;
    this.#told.set(producerId, now);
    owner.notify({ type: 'producer-demand', producerId, spatialLayer: now });
  }
}
