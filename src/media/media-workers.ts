// The mediasoup workers of this process: one per core by default, each with one WebRtcServer
// so a firewall opens one UDP and one TCP port per worker. A worker that dies is replaced on
// the same port; whoever hosted rooms on it is told (onWorkerDied) and re-creates them.
import { EventEmitter } from 'node:events';
import { createWorker } from 'mediasoup';
import type { WebRtcServer, Worker } from 'mediasoup/types';
import type { MediaLog } from './types.ts';
import { resolveWorkerBinary } from './worker-binary.ts';

export interface WorkersConfig {
  /** mediasoup workers: one per core by default. */
  workers: number;
  listenIp: string;
  /** The address browsers reach the media ports at (ICE candidates). */
  announcedAddress: string;
  /** Worker i's WebRtcServer listens on UDP and TCP `port + i`; 0: any free port (tests). */
  port: number;
}

export interface MediaWorker {
  readonly index: number;
  readonly worker: Worker;
  readonly webRtcServer: WebRtcServer;
  /** Consumers on this worker, counted by the rooms: the load figure for placement. */
  consumers: number;
}

interface Events {
  /** A worker died and was replaced; rooms on `dead` must be re-created. */
  died: [dead: MediaWorker, replacement: MediaWorker | undefined];
}

type Logger = Pick<MediaLog, 'info' | 'error'>;

export class MediaWorkers extends EventEmitter<Events> {
  readonly #config: WorkersConfig;
  readonly #log: Logger;
  readonly #slots: (MediaWorker | undefined)[];
  #closed = false;

  private constructor(config: WorkersConfig, log: Logger) {
    super();
    this.#config = config;
    this.#log = log;
    this.#slots = new Array(config.workers).fill(undefined);
  }

  static async create(config: WorkersConfig, log: Logger): Promise<MediaWorkers> {
    const workers = new MediaWorkers(config, log);
    try {
      await Promise.all(workers.#slots.map((_, i) => workers.#start(i)));
    } catch (err) {
      workers.close();
      throw err;
    }
    return workers;
  }

  get all(): readonly MediaWorker[] {
    return this.#slots.filter((w): w is MediaWorker => w !== undefined);
  }

  /** The live worker with the fewest consumers, optionally avoiding some. */
  leastLoaded(exclude: ReadonlySet<MediaWorker> = new Set()): MediaWorker {
    const candidates = this.all.filter((w) => !exclude.has(w));
    const pool = candidates.length > 0 ? candidates : this.all;
    const best = pool.reduce<MediaWorker | undefined>((a, w) => (!a || w.consumers < a.consumers ? w : a), undefined);
    if (!best) throw new Error('no mediasoup worker is running');
    return best;
  }

  /** Stops every worker. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const w of this.all) w.worker.close();
  }

  async #start(index: number): Promise<MediaWorker> {
    const { listenIp, announcedAddress, port } = this.#config;
    const worker = await createWorker({ workerBin: resolveWorkerBinary(), logLevel: 'warn' });
    try {
      const listen = (protocol: 'udp' | 'tcp') => ({
        protocol,
        ip: listenIp,
        announcedAddress: announcedAddress === listenIp ? undefined : announcedAddress,
        ...(port === 0 ? {} : { port: port + index }),
      });
      const webRtcServer = await worker.createWebRtcServer({ listenInfos: [listen('udp'), listen('tcp')] });
      const slot: MediaWorker = { index, worker, webRtcServer, consumers: 0 };
      this.#slots[index] = slot;
      worker.on('died', (error) => void this.#onDied(slot, error));
      this.#log.info({ index, pid: worker.pid }, 'mediasoup worker started');
      return slot;
    } catch (err) {
      worker.close();
      throw err;
    }
  }

  async #onDied(dead: MediaWorker, error: Error): Promise<void> {
    this.#log.error({ index: dead.index, pid: dead.worker.pid, err: error }, 'mediasoup worker died; replacing it');
    this.#slots[dead.index] = undefined;
    let replacement: MediaWorker | undefined;
    if (!this.#closed) {
      // The dead worker's port may linger for a moment; retry briefly before giving up.
      for (let attempt = 0; attempt < 5 && !replacement && !this.#closed; attempt++) {
        try {
          replacement = await this.#start(dead.index);
        } catch (err) {
          this.#log.error({ index: dead.index, err }, 'mediasoup worker restart failed');
          await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
        }
      }
    }
    this.emit('died', dead, replacement);
  }
}
