import type { ConnectionState, Direction, RoomMedia } from './room-media.ts';
import type { RoomSignalling } from './room-signalling.ts';
import type { RoomStore } from './room-store.ts';

/** After an ICE restart the transport must be connected again within this, else we rejoin. */
export const ICE_RESTART_GRACE_MS = 4000;

export interface TransportWatchOptions {
  readonly media: RoomMedia;
  readonly client: RoomSignalling;
  readonly store: RoomStore;
  /** True once the server acknowledged this join. */
  accepting(): boolean;
  /** True while the session is joining again (a transport of the old join says nothing then). */
  recovering(): boolean;
  /** Give up on this join's media and join again. */
  rejoin(): void;
}

/**
 * One join's transports: a transport that goes 'disconnected' or 'failed' gets an ICE restart
 * (the server makes new ICE credentials, the browser tries again on the same transport); if
 * that fails or does not reconnect within a grace period, the session joins again.
 */
export class TransportWatch {
  readonly #o: TransportWatchOptions;
  readonly #restarting = new Set<Direction>();
  readonly #timers = new Map<Direction, ReturnType<typeof setTimeout>>();
  #stopped = false;

  constructor(options: TransportWatchOptions) {
    this.#o = options;
  }

  /** The join is over: pending restarts and grace timers do nothing more. */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#restarting.clear();
  }

  async onState(direction: Direction, state: ConnectionState): Promise<void> {
    const { media, client, store } = this.#o;
    if (this.#stopped || this.#o.recovering()) return;
    if (state === 'connected') {
      this.#clearTimer(direction);
      const troubled = (['send', 'recv'] as const).some((d) => ['disconnected', 'failed'].includes(media.connectionState(d) ?? ''));
      if (!troubled && client.connected && this.#o.accepting()) store.setStatus('connected');
      return;
    }
    if (state !== 'disconnected' && state !== 'failed') return;
    store.setStatus('reconnecting');
    // Without signalling there is no ICE restart: the socket's return triggers a rejoin.
    if (!client.connected) return this.#o.rejoin();
    if (this.#restarting.has(direction)) return;
    this.#restarting.add(direction);
    try {
      await media.restartIce(direction);
      if (this.#stopped) return;
      this.#clearTimer(direction);
      this.#timers.set(
        direction,
        setTimeout(() => {
          if (!this.#stopped && media.connectionState(direction) !== 'connected') this.#o.rejoin();
        }, ICE_RESTART_GRACE_MS),
      );
    } catch {
      if (!this.#stopped) this.#o.rejoin();
    } finally {
      this.#restarting.delete(direction);
    }
  }

  #clearTimer(direction: Direction): void {
    clearTimeout(this.#timers.get(direction));
    this.#timers.delete(direction);
  }
}
