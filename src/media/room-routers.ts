// The routers of one room: one per worker it uses. A room starts on the least loaded worker;
// when the consumers on its workers pass the threshold, new participants are served by a
// router on another worker, and producers are piped (pipeToRouter) to the routers whose
// participants receive them. A city → district → commune meeting becomes a tree of routers.
// The room hears its microphones in one place: every microphone is also piped to the first router,
// whose ActiveSpeakerObserver picks one dominant speaker for the whole room. (An observer per
// router would name a dominant speaker per router, and one that stays dominant on its own router
// is never announced again when it speaks after someone elsewhere.)
import type { ActiveSpeakerObserver, Producer, Router } from 'mediasoup/types';
import { MEDIA_CODECS } from './codecs.ts';
import type { MediaWorker, MediaWorkers } from './media-workers.ts';

export interface RoomRouter {
  worker: MediaWorker;
  router: Router;
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
  readonly #speakers: ActiveSpeakerObserver;
  readonly #first: RoomRouter;

  private constructor(o: RoomRoutersOptions, first: RoomRouter, speakers: ActiveSpeakerObserver) {
    this.#o = o;
    this.#first = first;
    this.#speakers = speakers;
    this.#byWorker.set(first.worker, first);
  }

  static async create(o: RoomRoutersOptions): Promise<RoomRouters> {
    const worker = o.workers.leastLoaded();
    const router = await RoomRouters.#router(worker, o);
    try {
      const speakers = await router.createActiveSpeakerObserver({ interval: 300 });
      speakers.on('dominantspeaker', ({ producer }) => o.onDominantSpeaker(producer));
      return new RoomRouters(o, { worker, router }, speakers);
    } catch (err) {
      router.close();
      throw err;
    }
  }

  get first(): RoomRouter {
    return this.#first;
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

  /** Lets the room's ActiveSpeakerObserver hear a microphone produced on `home`. */
  async hear(mic: Producer, home: Router): Promise<void> {
    await this.ensureOn(mic, home, this.#first.router);
    if (!mic.closed) await this.#speakers.addProducer({ producerId: mic.id });
  }

  close(): void {
    for (const r of this.#byWorker.values()) r.router.close();
    this.#byWorker.clear();
    this.#pipes.clear();
  }

  async #add(worker: MediaWorker): Promise<RoomRouter> {
    const entry: RoomRouter = { worker, router: await RoomRouters.#router(worker, this.#o) };
    this.#byWorker.set(worker, entry);
    return entry;
  }

  static async #router(worker: MediaWorker, o: RoomRoutersOptions): Promise<Router> {
    const router = await worker.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    router.on('workerclose', () => o.onWorkerClosed());
    return router;
  }
}
