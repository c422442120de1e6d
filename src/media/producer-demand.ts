// How much of each producer anyone receives: consumers per simulcast layer. The room tells a
// sender the highest layer in demand, and the browser stops encoding layers nobody receives.
// In a 611-site meeting most cameras are watched by nobody or only as thumbnails; without this
// each site would upload all three layers (~2.2 Mbit/s) to the SFU for nothing.

export class ProducerDemand {
  /** Producer id → number of consumers at each spatial layer. */
  readonly #counts = new Map<string, number[]>();
  readonly #onChange: (producerId: string) => void;

  constructor(onChange: (producerId: string) => void) {
    this.#onChange = onChange;
  }

  add(producerId: string, layer: number): void {
    const counts = this.#counts.get(producerId) ?? [];
    const before = top(counts);
    counts[layer] = (counts[layer] ?? 0) + 1;
    this.#counts.set(producerId, counts);
    if (top(counts) !== before) this.#onChange(producerId);
  }

  remove(producerId: string, layer: number): void {
    const counts = this.#counts.get(producerId);
    if (!counts || !counts[layer]) return;
    const before = top(counts);
    counts[layer] -= 1;
    if (top(counts) === null) this.#counts.delete(producerId);
    if (top(counts) !== before) this.#onChange(producerId);
  }

  move(producerId: string, from: number, to: number): void {
    if (from === to) return;
    this.add(producerId, to);
    this.remove(producerId, from);
  }

  /** The highest layer anyone receives, or null when nobody receives the producer. */
  top(producerId: string): number | null {
    return top(this.#counts.get(producerId) ?? []);
  }
}

function top(counts: readonly (number | undefined)[]): number | null {
  for (let layer = counts.length - 1; layer >= 0; layer--) if ((counts[layer] ?? 0) > 0) return layer;
  return null;
}
