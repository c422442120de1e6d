import type { ConnectionState, Direction, RoomMedia } from './room-media.ts';
import type { RoomSignalling } from './room-signalling.ts';
import type { RoomStore } from './room-store.ts';

/** After an ICE restart the transport must be connected again within this, else we rejoin. */
export const ICE_RESTART_GRACE_MS = 4000;
/**
 * A transport still not connected this long after it started carrying media counts as failed.
 * ICE and DTLS take well under a second on a working network; a browser that gets no answer
 * keeps checking far longer before it says 'failed' (Chromium, with an announced address that
 * drops everything, had not given up after 8 s: test/e2e/meeting-media-failure.test.ts).
 */
export const CONNECT_TIMEOUT_MS = 8000;

const DIRECTIONS = ['send', 'recv'] as const;

/** What the watch needs of recovery: repairs are counted across joins. */
export interface MediaRepairs {
  /** True while the session is joining again (a transport of the old join says nothing then). */
  recovering(): boolean;
  /** The media failed once more; false: too often in a row, the session gave up on it. */
  failed(): boolean;
  /** Media flows on every transport in use: the failures in a row start again from zero. */
  flowing(): void;
  /** Give up on this join's media and join again. */
  rejoin(): void;
}

export interface TransportWatchOptions {
  readonly media: RoomMedia;
  readonly client: RoomSignalling;
  readonly store: RoomStore;
  readonly repairs: MediaRepairs;
}

/**
 * One join's transports. The room says "connected" only once every transport in use is
 * connected (ICE and DTLS done, so packets came back from the server), not when signalling
 * answered. A transport that fails (or stays connecting too long) gets an ICE restart: the
 * server makes new ICE credentials and the browser tries again on the same transport; if that
 * does not reconnect within a grace period, the session joins again. Each failed stage (first
 * connection, ICE restart) counts once with ConnectionRecovery, which gives up after a few in
 * a row instead of looping: a firewall or a wrong announced address does not heal by retrying.
 */
export class TransportWatch {
  readonly #o: TransportWatchOptions;
  /** ICE restart under way for a direction: its failures belong to that attempt. */
  readonly #repairing = new Set<Direction>();
  readonly #restarted = new Set<Direction>();
  /** Stages (0: first connection, 1: after an ICE restart) already counted as a failure. */
  readonly #countedStages = new Set<number>();
  readonly #timers = new Map<Direction, ReturnType<typeof setTimeout>>();
  /** The join is complete (transports created, own media produced): status may change. */
  #live = false;
  #stopped = false;

  constructor(options: TransportWatchOptions) {
    this.#o = options;
  }

  /** The join is complete: from now on the status follows the transports. */
  start(): void {
    this.#live = true;
    const { media } = this.#o;
    // Firefox may still say 'new' here and go straight to 'failed' later: a transport that
    // carries media is timed from now whatever it says.
    for (const direction of DIRECTIONS) if (media.carries(direction) && media.connectionState(direction) !== 'connected') this.#armConnectTimeout(direction);
    this.#updateStatus();
  }

  /** The join is over: pending restarts and timers do nothing more. */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#repairing.clear();
  }

  onState(direction: Direction, state: ConnectionState): void {
    if (this.#stopped || this.#o.repairs.recovering()) return;
    if (state === 'connecting') {
      if (!this.#repairing.has(direction)) this.#armConnectTimeout(direction);
      return;
    }
    if (state === 'connected') {
      this.#clearTimer(direction);
      // Repaired: a later loss of the path gets an ICE restart again.
      this.#repairing.delete(direction);
      this.#restarted.delete(direction);
      this.#updateStatus();
      return;
    }
    if (state === 'disconnected' || state === 'failed') void this.#trouble(direction, state === 'failed');
  }

  /** A transport lost its path ('disconnected' may come back by itself; 'failed' does not). */
  async #trouble(direction: Direction, failed: boolean): Promise<void> {
    const { client, store } = this.#o;
    if (this.#repairing.has(direction)) return; // the ICE restart's grace period decides
    this.#clearTimer(direction);
    store.setStatus('reconnecting');
    // Without signalling there is no ICE restart: the socket's return triggers a rejoin.
    if (!client.connected) return this.#o.repairs.rejoin();
    if (failed && !this.#countFailure(direction)) return;
    if (this.#restarted.has(direction)) return this.#o.repairs.rejoin();
    await this.#restartIce(direction);
  }

  async #restartIce(direction: Direction): Promise<void> {
    const { media } = this.#o;
    this.#repairing.add(direction);
    this.#restarted.add(direction);
    try {
      await media.restartIce(direction);
      if (this.#stopped) return;
      this.#setTimer(direction, ICE_RESTART_GRACE_MS, () => {
        if (media.connectionState(direction) === 'connected') return;
        this.#repairing.delete(direction);
        if (this.#countFailure(direction)) this.#o.repairs.rejoin();
      });
    } catch {
      this.#repairing.delete(direction);
      if (!this.#stopped) this.#o.repairs.rejoin();
    }
  }

  /** Counts a failed stage once for both transports; false when recovery gave up. */
  #countFailure(direction: Direction): boolean {
    const stage = this.#restarted.has(direction) ? 1 : 0;
    if (this.#countedStages.has(stage)) return true;
    this.#countedStages.add(stage);
    return this.#o.repairs.failed();
  }

  #armConnectTimeout(direction: Direction): void {
    this.#setTimer(direction, CONNECT_TIMEOUT_MS, () => {
      if (this.#o.media.connectionState(direction) !== 'connected') void this.#trouble(direction, true);
    });
  }

  /**
   * "Connected" once every transport that carries media is; with none carrying any (camera and
   * microphone off, nobody else sending) there is nothing to wait for, but nothing proven
   * either: the failures in a row are reset only by a transport that did connect.
   */
  #updateStatus(): void {
    const { media, client, store } = this.#o;
    if (!this.#live || !client.connected) return;
    const inUse = DIRECTIONS.filter((d) => media.carries(d));
    if (!inUse.every((d) => media.connectionState(d) === 'connected')) return;
    store.setStatus('connected');
    if (inUse.length === 0) return;
    this.#countedStages.clear();
    this.#o.repairs.flowing();
  }

  #setTimer(direction: Direction, ms: number, fire: () => void): void {
    this.#clearTimer(direction);
    this.#timers.set(
      direction,
      setTimeout(() => {
        this.#timers.delete(direction);
        if (!this.#stopped) fire();
      }, ms),
    );
  }

  #clearTimer(direction: Direction): void {
    clearTimeout(this.#timers.get(direction));
    this.#timers.delete(direction);
  }
}
