// The application's own media plane, driven the way the signalling layer drives it, for the SFU
// benchmarks: MediaWorkers and a Room (src/media/) with their policies, with PlainTransports in
// place of browsers' WebRtcTransports (Room.attachTransport). A sender is a site that joins, attaches
// a send PlainTransport and produces through room.produce (so the big-meeting policy sees its
// camera and microphone); a receiving site attaches a receive PlainTransport with SRTP to one of
// the receivers' UDP sinks and resumes the consumers the room's policy makes for it, as a browser
// would on `consumerAdded` (the room's `consumer-added`). A sending site also does what the web
// client does on `producerDemand` (`producer-demand`):
// it stops sending the simulcast layers above the highest one anyone receives (the lowest stays).
import type { types } from 'mediasoup';
import { loadConfig } from '../../src/config.ts';
import {
  MediaWorkers,
  Room,
  type ConsumerDescription,
  type ConsumerRole,
  type MediaConfig,
  type Peer,
  type PeerEvent,
  type RoomFacts,
  type RoomLimits,
} from '../../src/media/index.ts';
import { receiverTransportOptions, withoutBandwidthEstimation, type ReceiverSink } from './receivers.ts';
import { senderTransportOptions, startSender, type Sender, type SenderOptions } from './sender.ts';

// The media plane's own warnings and errors (a consume that failed…) go to stderr; info does not.
const print = (level: string) => (obj: object, msg: string) => process.stderr.write(`media ${level}: ${msg} ${JSON.stringify(obj, errorFields)}\n`);
const quiet = { info() {}, warn: print('warn'), error: print('error') };
function errorFields(_key: string, v: unknown) {
  return v instanceof Error ? { name: v.name, message: v.message, ...(v.cause instanceof Error ? { cause: v.cause.message } : {}) } : v;
}

/**
 * The media config the application would load from this environment, plus `env` (strings, as in
 * the process environment), with the listen address on loopback and any free port (MEDIA_PORT=0)
 * unless `env` says otherwise: the WebRtcServers are not used, and a server running on the
 * machine keeps its ports. Nothing else of the process environment is read.
 */
export function benchMediaConfig(env: Record<string, string> = {}): MediaConfig {
  return loadConfig({ MEDIA_LISTEN_IP: '127.0.0.1', MEDIA_PORT: '0', ...env }).media;
}

export interface AppMedia {
  config: MediaConfig;
  workers: MediaWorkers;
  room: Room;
  /** Worker processes, in worker order. */
  workerPids(): number[];
  /** The PipeTransports the room made between its routers (pipeToRouter), seen through the workers' observers. */
  pipeTransports: types.PipeTransport[];
  close(): void;
}

/** MediaWorkers.create(config) and one meeting room on them, as Rooms.open() makes it. */
export async function startAppMedia(config: MediaConfig, facts: Partial<RoomFacts> & { chairId: string }): Promise<AppMedia> {
  const workers = await MediaWorkers.create(config, quiet);
  const pipeTransports: types.PipeTransport[] = [];
  for (const w of workers.all) {
    w.worker.observer.on('newrouter', (router) =>
      router.observer.on('newtransport', (t) => {
        if (t.type === 'pipe') pipeTransports.push(t as types.PipeTransport);
      }),
    );
  }
  const { workers: _n, listenIp: _ip, announcedAddress: _address, port: _port, ...limits } = config;
  let room: Room;
  try {
    room = await Room.create({ meetingId: 'bench-meeting', stageUserId: null, locked: false, allMuted: false, ...facts }, workers, limits satisfies RoomLimits, quiet);
  } catch (err) {
    workers.close();
    throw err;
  }
  return {
    config,
    workers,
    room,
    workerPids: () => workers.all.map((w) => w.worker.pid),
    pipeTransports,
    close() {
      room.close();
      workers.close();
    },
  };
}

export interface SiteConsumer {
  consumer: types.Consumer;
  info: ConsumerDescription;
  role: ConsumerRole;
}

export interface Site {
  userId: string;
  peer: Peer;
  /** Consumers the site resumed (the ones it takes), by consumer id. */
  consumers: Map<string, SiteConsumer>;
  /** Consumers the room made that the site left paused (e.g. audio with --video-only). */
  skipped: number;
  /** Events the room told the site, by type. */
  notifications: Map<string, number>;
  /** Errors resuming or limiting consumers. */
  errors: string[];
  /** The site's sender, once started (startSiteSender). */
  sender?: Sender;
  /** The latest producerDemand per producer id: the highest layer anyone receives (null: nobody). */
  demand: Map<string, number | null>;
  /** The latest active-speaker event: who the room's ActiveSpeakerObserver picked. */
  activeSpeaker?: string | null;
}

/** What the web client does on producerDemand (media-session.ts setDemand): setMaxSpatialLayer(max(0, demand)). */
function applyDemand(site: Site): void {
  const sender = site.sender;
  if (!sender) return;
  const demand = site.demand.get(sender.videoProducer.id);
  if (demand !== undefined) sender.setMaxSpatialLayer(Math.max(0, demand ?? 0));
}

export interface SiteOptions {
  userId: string;
  name?: string;
  /** Which offered consumers the site takes (resumes); default all. */
  take?: (info: ConsumerDescription) => boolean;
  /** A lower layer the site asks for on a video consumer (room.setConsumerPreferredLayers), if any. */
  ceiling?: (info: ConsumerDescription) => { spatialLayer: number; temporalLayer?: number } | undefined;
}

/** The last join queued per room: see joinSite(). */
const joinQueues = new WeakMap<Room, Promise<unknown>>();

/**
 * Joins one site: a participant with the router's capabilities minus bandwidth estimation (the
 * receivers send no feedback; see withoutBandwidthEstimation). Consumers the room offers are
 * resumed as they come. Joins to one room run one at a time, as the signalling layer makes them
 * (in the meeting's queue, Rooms.exclusive()): Room.join() is not made to run concurrently.
 */
export function joinSite(room: Room, o: SiteOptions): Promise<Site> {
  const previous = joinQueues.get(room) ?? Promise.resolve();
  const run = previous.then(() => join(room, o));
  joinQueues.set(room, run.catch(() => {}));
  return run;
}

async function join(room: Room, o: SiteOptions): Promise<Site> {
  // Events before join() returns (none today) wait for the site to exist.
  const pending: PeerEvent[] = [];
  const self: { site?: Site } = {};
  const onConsumerAdded = (s: Site, info: ConsumerDescription) => {
    const entry = s.peer.consumers.get(info.producerId);
    if (!entry || entry.consumer.id !== info.consumerId) return;
    if (o.take && !o.take(info)) {
      s.skipped++;
      wake(s);
      return;
    }
    const ceiling = o.ceiling?.(info);
    void (async () => {
      try {
        if (ceiling) await room.setConsumerPreferredLayers(s.peer, info.consumerId, ceiling.spatialLayer, ceiling.temporalLayer);
        await room.resumeConsumer(s.peer, info.consumerId);
        s.consumers.set(info.consumerId, { consumer: entry.consumer, info, role: info.role });
      } catch (err) {
        s.errors.push(`${info.consumerId}: ${(err as Error).message}`);
      }
      wake(s);
    })();
  };
  const notify = (e: PeerEvent) => {
    const site = self.site;
    if (!site) {
      pending.push(e);
      return;
    }
    site.notifications.set(e.type, (site.notifications.get(e.type) ?? 0) + 1);
    if (e.type === 'consumer-added') onConsumerAdded(site, e.consumer);
    else if (e.type === 'producer-demand') {
      site.demand.set(e.producerId, e.spatialLayer);
      applyDemand(site);
    } else if (e.type === 'active-speaker') {
      site.activeSpeaker = e.userId;
    } else if (e.type === 'consumer-closed') {
      site.consumers.delete(e.consumerId);
      wake(site);
    }
  };
  const { peer } = await room.join({
    profile: { userId: o.userId, username: o.userId, fullName: o.name ?? o.userId, title: null, unit: { id: o.userId, code: o.userId, name: o.name ?? o.userId } },
    device: null,
    rtpCapabilities: withoutBandwidthEstimation(room.rtpCapabilities),
    mutedByChair: false,
    notify,
  });
  const site: Site = { userId: o.userId, peer, consumers: new Map(), skipped: 0, notifications: new Map(), errors: [], demand: new Map() };
  self.site = site;
  for (const n of pending.splice(0)) notify(n);
  return site;
}

const waiters = new WeakMap<Site, (() => void)[]>();
function wake(s: Site): void {
  const list = waiters.get(s) ?? [];
  waiters.delete(s);
  for (const w of list) w();
}
const changed = (s: Site) => new Promise<void>((resolve) => waiters.set(s, [...(waiters.get(s) ?? []), resolve]));

/**
 * Makes `site` receive: a PlainTransport with SRTP on its router, connected to `sink`, attached
 * as 'recv' — the room's policy then makes its consumers. Resolves when the site has resumed as
 * many consumers as the policy wants for it (less those it does not take), or rejects after
 * `timeoutMs`.
 */
export async function receiveAt(room: Room, site: Site, sink: ReceiverSink, timeoutMs = 15_000): Promise<types.PlainTransport> {
  const transport = await site.peer.router.createPlainTransport(receiverTransportOptions(sink.ip));
  await transport.connect({ ip: sink.ip, port: sink.port, srtpParameters: sink.srtpParameters });
  room.attachTransport(site.peer, transport, 'recv');
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const wanted = room.policy.wantedBy(site.userId, site.peer.thumbnailPage).size;
    if (site.consumers.size + site.skipped >= wanted && site.peer.consumers.size >= wanted) return transport;
    const left = deadline - performance.now();
    if (left <= 0) throw new Error(`${site.userId}: ${site.consumers.size} consumers resumed (+${site.skipped} not taken) of the ${wanted} the policy wants after ${timeoutMs} ms${site.errors.length ? `; ${site.errors.join('; ')}` : ''}`);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([changed(site), new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(left, 250))))]);
    clearTimeout(timer);
  }
}

/**
 * Starts a sender as `site`: a send PlainTransport (senderTransportOptions) on its router,
 * attached as 'send', and startSender() producing camera and microphone through room.produce.
 * From then on the sender follows the room's producerDemand for its camera.
 */
export async function startSiteSender(room: Room, site: Site, options: SenderOptions): Promise<Sender> {
  const transport = await site.peer.router.createPlainTransport(senderTransportOptions(options.ip));
  room.attachTransport(site.peer, transport, 'send');
  const sender = await startSender(site.peer.router, {
    ...options,
    transport,
    async produce(t, p) {
      const source = p.kind === 'video' ? 'camera' : 'mic';
      await room.produce(site.peer, { transportId: t.id, kind: p.kind, rtpParameters: p.rtpParameters, source });
      const producer = site.peer.producers.get(source);
      if (!producer) throw new Error(`${site.userId}: no ${source} producer after room.produce`);
      return producer;
    },
  });
  site.sender = sender;
  applyDemand(site);
  return sender;
}
