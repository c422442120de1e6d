// The routers of one room: one per worker it uses. A room starts on the least loaded worker;
// when the consumers on its workers pass the threshold, new participants are served by a
// router on another worker, and producers are piped (pipeToRouter) to the routers whose
// participants receive them. A city → district → commune meeting becomes a tree of routers.
import type { ActiveSpeakerObserver, Producer, Router } from 'mediasoup/types';
import { MEDIA_CODECS } from './codecs.ts';
import type { MediaWorker, MediaWorkers } from './media-workers.ts';

export interface RoomRouter {
  worker: MediaWorker;
  router: Router;
  /** Hears this router's own microphones (not piped ones: each is heard where it is produced). */
  speakers: ActiveSpeakerObserver;
}

export interface RoomRoutersOptions {
  workers: MediaWorkers;
  consumersPerWorker: number;
  onDominantSpeaker: (producer: Producer) => void;
  /** A router's worker died: the room must be re-created. */
  onWorkerClosed: () => void;
}

export class RoomRouters {
  readonly #o: RoomRoutersOptions;
  readonly #byWorker = new Map<MediaWorker, RoomRouter>();
  /** `${producerId}:${routerId}` → the pipe, made once. */
  readonly #pipes = new Map<string, Promise<void>>();

  private constructor(o: RoomRoutersOptions) {
    this.#o = o;
  }

  static async create(o: RoomRoutersOptions): Promise<RoomRouters> {
    const routers = new RoomRouters(o);
    await routers.#add(o.workers.leastLoaded());
    return routers;
  }

  get first(): RoomRouter {
    const r = this.#byWorker.values().next().value;
    if (!r) throw new Error('room has no router');
    return r;
  }

  get all(): IterableIterator<RoomRouter> {
    return this.#byWorker.values();
  }

  /** Where the next participant goes: a used worker below the threshold, else a new worker. */
  async place(): Promise<RoomRouter> {
    let best: RoomRouter | undefined;
    for (const r of this.#byWorker.values()) {
      if (r.worker.worker.closed || r.worker.consumers >= this.#o.consumersPerWorker) continue;
      if (!best || r.worker.consumers < best.worker.consumers) best = r;
    }
    if (best) return best;
    const worker = this.#o.workers.leastLoaded(new Set(this.#byWorker.keys()));
    return this.#byWorker.get(worker) ?? this.#add(worker);
  }

  /** Makes `producer` (living on `from`) consumable on `to`. */
  ensureOn(producer: Producer, from: Router, to: Router): Promise<void> {
    if (from === to) return Promise.resolve();
    const key = `${producer.id}:${to.id}`;
    let pipe = this.#pipes.get(key);
    if (!pipe) {
      pipe = from.pipeToRouter({ producerId: producer.id, router: to, enableSctp: false }).then(() => undefined);
      pipe.catch(() => this.#pipes.delete(key));
      this.#pipes.set(key, pipe);
      producer.observer.once('close', () => this.#pipes.delete(key));
    }
    return pipe;
  }

  close(): void {
    for (const r of this.#byWorker.values()) r.router.close();
    this.#byWorker.clear();
    this.#pipes.clear();
  }

  async #add(worker: MediaWorker): Promise<RoomRouter> {
    const router = await worker.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    const speakers = await router.createActiveSpeakerObserver({ interval: 300 });
    speakers.on('dominantspeaker', ({ producer }) => this.#o.onDominantSpeaker(producer));
    router.on('workerclose', () => this.#o.onWorkerClosed());
    const entry: RoomRouter = { worker, router, speakers };
    this.#byWorker.set(worker, entry);
    return entry;
  }
}
