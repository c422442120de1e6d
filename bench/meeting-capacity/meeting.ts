// The 611-site city meeting on the application's media plane, grown site by site: one meeting
// Room on MediaWorkers with the default media config, real RTP senders only where the big-meeting
// policy sends media anywhere (the chair on stage, the first thumbnail page, the audible
// speakers) and every other site a receive-only participant whose receive PlainTransport (SRTP)
// goes to one of the receivers' UDP sinks. measure() takes one window: what each site got, by
// role, and the workers' CPU.
import { availableParallelism, loadavg } from 'node:os';
import type { types } from 'mediasoup';
import type { ConsumerRole, MediaConfig } from '../../src/media/index.ts';
import { joinSite, receiveAt, startAppMedia, startSiteSender, type AppMedia, type Site } from '../lib/app-room.ts';
import type { Clip } from '../lib/media-clip.ts';
import {
  cpuPercent, machineBusyPercent, runWindow, sampleCpu, sampleMachineCpu, sampleUdp, udpDelta, udpSocketDrops, type UdpCounters,
} from '../lib/measure.ts';
import { receiversWindow, startReceivers, type Receivers, type ReceiversSnapshot } from '../lib/receivers.ts';
import { senderRates, type Sender, type SenderStats, type StreamRate } from '../lib/sender.ts';
import { percentile } from '../lib/stats.ts';

/** The city: site 0 is city hall (the chair), then the districts, then the communes. */
export const CITY = { districts: 30, communes: 580 } as const;
export const CITY_SITES = 1 + CITY.districts + CITY.communes;

export function siteName(i: number): { userId: string; name: string } {
  if (i === 0) return { userId: 'city-hall', name: 'City hall' };
  if (i <= CITY.districts) return { userId: `district-${i}`, name: `District ${i}` };
  if (i < CITY_SITES) return { userId: `commune-${i - CITY.districts}`, name: `Commune ${i - CITY.districts}` };
  return { userId: `extra-${i}`, name: `Extra site ${i}` };
}

const ROLES: readonly ConsumerRole[] = ['stage', 'thumbnail', 'audio', 'screen'];

interface MeetingSite {
  index: number;
  site: Site;
  sender?: Sender;
  transport?: types.PlainTransport;
}

export interface SiteFigures {
  index: number;
  userId: string;
  sender: boolean;
  worker: number;
  consumers: number;
  /** Packets/s the site got, in all and by role. */
  packetsPerSecond: number;
  byRole: Record<ConsumerRole, number>;
  /** Consumers by role. */
  consumersByRole: Record<ConsumerRole, number>;
  expectedPerSecond: number;
  lost: number;
}

export interface IngressResult {
  senders: number;
  /** RTP packets/s the senders sent (every simulcast layer and the audio). */
  packetsPerSecond: number;
  /** Worker CPU, % of one core, per worker and summed. */
  workerCpu: number[];
  workerCpuTotal: number;
  /** Worker CPU per ingress packet, µs (what a camera nobody consumes costs, per packet). */
  usPerPacket: number;
  seconds: number;
  otherCpu: number;
}

export interface StageResult {
  sites: number;
  senders: number;
  seconds: number;
  setupSeconds: number;
  perSite: SiteFigures[];
  /** Over all sites: packets/s per site. */
  mean: number;
  p95: number;
  max: number;
  /** Mean packets/s per site by role. */
  meanByRole: Record<ConsumerRole, number>;
  consumersMean: number;
  consumersMax: number;
  packetsPerSecond: number;
  expectedPerSecond: number;
  lost: number;
  lossRatio: number;
  silent: number;
  /** Stage consumers on spatial layer 2 / thumbnails on spatial 0 temporal 0, at the window's end… */
  onAskedLayer: number;
  /** …out of this many video consumers. */
  videoConsumers: number;
  workers: { index: number; pid: number; cpu: number; consumers: number; sites: number }[];
  workerCpuTotal: number;
  /** Worker CPU (all workers) per packet the sites got, µs: ingress and pipes included. */
  workerUsPerPacket: number;
  senderPacketsPerSecond: number;
  /** Each sender's packets/s: video per simulcast layer (index = layer) and audio. */
  senderStreams: { userId: string; chair: boolean; video: number[]; audio: number; total: number }[];
  senderLateOver10ms: number;
  ingressLost: number;
  ingressSocketDrops: number;
  receiverSocketDrops: number;
  /** Kernel receive-buffer drops on the PipeTransports' sockets (pipeToRouter between workers, plain UDP on loopback, no retransmission). */
  pipeSocketDrops: number;
  pipeTransports: number;
  /** Packets lost by the sites on each worker (sequence gaps), in worker order. */
  lostByWorker: number[];
  udp: UdpCounters;
  receiverCpu: number;
  harnessCpu: number;
  otherCpu: number;
  machineBusy: number;
  load1: number;
  errors: string[];
}

export interface MeetingOptions {
  config: MediaConfig;
  clip: Clip;
  /** Sinks to open: the most sites the ramp may reach. */
  maxSites: number;
  receiverProcesses: number;
  log: (s: string) => void;
}

interface Sample {
  cpu: ReturnType<typeof sampleCpu>;
  machine: ReturnType<typeof sampleMachineCpu>;
  udp: UdpCounters;
  senders: SenderStats[];
  receivers?: ReceiversSnapshot;
  producerLost: number;
  ingressDrops: number;
  receiverDrops: number;
  pipeDrops: number;
}

export class Meeting {
  readonly media: AppMedia;
  readonly receivers: Receivers;
  readonly #o: MeetingOptions;
  readonly #sites: MeetingSite[] = [];
  /** Sites that send: their index. */
  readonly senderIndexes: number[] = [];
  /** The districts that spoke before city hall (now silent, still audible as recent speakers). */
  speakers: string[] = [];
  #extra: MeetingSite[] = [];

  private constructor(o: MeetingOptions, media: AppMedia, receivers: Receivers) {
    this.#o = o;
    this.media = media;
    this.receivers = receivers;
  }

  static async start(o: MeetingOptions): Promise<Meeting> {
    const media = await startAppMedia(o.config, { chairId: siteName(0).userId });
    let receivers: Receivers;
    try {
      receivers = await startReceivers({ count: o.maxSites, processes: o.receiverProcesses });
    } catch (err) {
      media.close();
      throw err;
    }
    return new Meeting(o, media, receivers);
  }

  get sites(): number {
    return this.#sites.length;
  }

  get #senders(): Sender[] {
    return [...this.#sites, ...this.#extra].flatMap((s) => (s.sender ? [s.sender] : []));
  }

  /**
   * The senders, in join order: city hall (the chair, on stage), then the districts that fill
   * the first thumbnail page, every microphone silent (opus DTX). Then the meeting speaks: the
   * last districts of the page take turns (as many as the policy's audible speakers), then city
   * hall talks and goes on talking; each turn lasts until the room's ActiveSpeakerObserver has
   * picked that speaker from the audio levels. The policy's audible speakers are then these
   * recent speakers, silent again — not the earliest joiners it falls back on before anyone
   * spoke. Checks that the policy wants no one else's media.
   */
  async startSenders(): Promise<void> {
    const count = 1 + this.media.config.thumbnailsPerPage;
    for (let i = 0; i < count; i++) {
      const { userId, name } = siteName(i);
      const site = await joinSite(this.media.room, { userId, name });
      const sender = await startSiteSender(this.media.room, site, { clip: this.#o.clip, scalabilityMode: 'L1T3', talking: false, log: this.#o.log });
      this.#sites.push({ index: i, site, sender });
      this.senderIndexes.push(i);
    }
    const speakers = this.#sites.slice(1).slice(-this.media.config.audibleSpeakers);
    for (const s of [...speakers, this.#sites[0] as MeetingSite]) {
      s.sender?.setTalking(true);
      await this.#until(() => this.#sites.every((x) => x.site.activeSpeaker === s.site.userId), `${s.site.userId} picked as the active speaker`, 20_000);
      if (s.index !== 0) s.sender?.setTalking(false);
    }
    this.speakers = speakers.map((s) => s.site.userId);
    const expected = new Set([siteName(0).userId, ...this.speakers]);
    const heard = new Set(this.media.room.policy.audible);
    if (heard.size !== expected.size || [...heard].some((u) => !expected.has(u))) throw new Error(`audible: ${[...heard].join(', ')}; expected ${[...expected].join(', ')}`);
    const senders = new Set(this.#sites.map((s) => s.site.userId));
    const policy = this.media.room.policy;
    const outsider = 'nobody-yet';
    const wantedOwners = [...policy.wantedBy(outsider, 0).keys()].map((producerId) => this.#sites.find((s) => [...s.site.peer.producers.values()].some((p) => p.id === producerId))?.site.userId);
    const strangers = wantedOwners.filter((u) => !u || !senders.has(u));
    if (strangers.length > 0) throw new Error(`the policy wants media from non-senders: ${strangers.join(', ')}`);
    const audible = policy.audible.filter((u) => !senders.has(u));
    if (audible.length > 0) throw new Error(`audible speakers without a sender: ${audible.join(', ')}`);
  }

  /**
   * `count` more senders whose camera and microphone nobody consumes (they join after the first
   * page and the audible speakers): ingress only. Closed again by dropExtraSenders().
   */
  async #until(done: () => boolean, what: string, timeoutMs: number): Promise<void> {
    const t0 = performance.now();
    while (!done()) {
      if (performance.now() - t0 > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    this.#o.log(`  ${what} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  async startExtraSenders(count: number): Promise<void> {
    for (let k = 0; k < count; k++) {
      const site = await joinSite(this.media.room, { userId: `ingress-only-${k}`, name: `Ingress-only site ${k}` });
      const sender = await startSiteSender(this.media.room, site, { clip: this.#o.clip, scalabilityMode: 'L1T3', talking: false, log: this.#o.log });
      this.#extra.push({ index: this.#o.maxSites + k, site, sender });
    }
  }

  async dropExtraSenders(): Promise<void> {
    for (const s of this.#extra.splice(0)) {
      await s.sender?.stop();
      this.media.room.leave(s.site.peer);
    }
  }

  /** Worker CPU per ingress packet with only the senders running (no site receives yet). */
  async measureIngress(o: { warmupSeconds: number; seconds: number }): Promise<IngressResult> {
    const pids = this.media.workerPids();
    const senders = this.#senders;
    const sample = () => ({ cpu: sampleCpu([...pids, ...this.receivers.pids, process.pid]), machine: sampleMachineCpu(), senders: senders.map((s) => s.stats()) });
    const w = await runWindow({ warmupSeconds: o.warmupSeconds, seconds: o.seconds, sample, log: this.#o.log });
    const pps = senders.reduce((t, _, k) => t + senderRates(w.start.senders[k] as SenderStats, w.end.senders[k] as SenderStats).packetsPerSecond, 0);
    const workerCpu = pids.map((pid) => cpuPercent(w.start.cpu, w.end.cpu, [pid]));
    const total = workerCpu.reduce((a, b) => a + b, 0);
    return {
      senders: senders.length,
      packetsPerSecond: pps,
      workerCpu,
      workerCpuTotal: total,
      usPerPacket: ((total / 100) * 1e6) / pps,
      seconds: w.seconds,
      otherCpu: (machineBusyPercent(w.start.machine, w.end.machine) / 100) * availableParallelism() * 100 - cpuPercent(w.start.cpu, w.end.cpu),
    };
  }

  /** Adds sites (the senders' own receive transports first) until there are `count`; returns the seconds it took. */
  async grow(count: number, concurrency = 8): Promise<number> {
    const t0 = performance.now();
    const { room } = this.media;
    const sinks = this.receivers.sinks;
    // Senders receive too (the chair sees the thumbnails, a district the stage and the others).
    for (const s of this.#sites) if (!s.transport) s.transport = await receiveAt(room, s.site, sinks[s.index] as (typeof sinks)[number]);
    let next = this.#sites.length;
    if (count > sinks.length) throw new Error(`${count} sites but only ${sinks.length} sinks`);
    // joinSite() queues the joins themselves (see there); transports and consumers overlap.
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const index = next++;
          const site = await joinSite(room, siteName(index));
          const entry: MeetingSite = { index, site };
          this.#sites.push(entry);
          entry.transport = await receiveAt(room, site, sinks[index] as (typeof sinks)[number]);
        }
      }),
    );
    this.#sites.sort((a, b) => a.index - b.index);
    return (performance.now() - t0) / 1000;
  }

  /** One window over the current sites. */
  async measure(o: { warmupSeconds: number; seconds: number; setupSeconds: number }): Promise<StageResult> {
    const workers = this.media.workers.all;
    const pids = workers.map((w) => w.worker.pid);
    const senders = this.#senders;
    const all = [...pids, ...this.receivers.pids, process.pid];
    const ingressPorts = senders.map((s) => s.transport.tuple.localPort);
    const sinkPorts = this.receivers.sinks.map((k) => k.port);
    const sample = async (): Promise<Sample> => ({
      cpu: sampleCpu(all),
      machine: sampleMachineCpu(),
      udp: sampleUdp(),
      senders: senders.map((s) => s.stats()),
      receivers: await this.receivers.snapshot(),
      producerLost: await producersLost(senders),
      ingressDrops: udpSocketDrops(ingressPorts),
      receiverDrops: udpSocketDrops(sinkPorts),
      pipeDrops: udpSocketDrops(this.media.pipeTransports.filter((t) => !t.closed).map((t) => t.tuple.localPort)),
    });
    const w = await runWindow({ warmupSeconds: o.warmupSeconds, seconds: o.seconds, sample, log: this.#o.log });
    const { start: a, end: b } = w;

    // SSRC → role of every consumer of every site; producer → the sender's stream rates.
    const roles = new Map<number, ConsumerRole>();
    const kinds = new Map<number, 'video' | 'audio'>();
    for (const s of this.#sites) {
      for (const c of s.site.consumers.values()) {
        const ssrc = c.consumer.rtpParameters.encodings?.[0]?.ssrc;
        if (ssrc === undefined) continue;
        roles.set(ssrc, c.role);
        kinds.set(ssrc, c.consumer.kind);
      }
    }
    const rates = new Map<string, StreamRate[]>();
    senders.forEach((s, k) => {
      const r = senderRates(a.senders[k] as SenderStats, b.senders[k] as SenderStats).streams;
      rates.set(s.videoProducer.id, r.filter((st) => st.kind === 'video'));
      if (s.audioProducer) rates.set(s.audioProducer.id, r.filter((st) => st.kind === 'audio'));
    });
    const expectedOf = (s: MeetingSite): number => {
      let t = 0;
      for (const [producerId, entry] of s.site.peer.consumers) {
        if (![...s.site.consumers.values()].some((c) => c.consumer === entry.consumer)) continue;
        const streams = rates.get(producerId) ?? [];
        if (entry.consumer.kind === 'audio') t += streams[0]?.packetsPerSecond ?? 0;
        else {
          const st = streams.find((x) => x.layer === entry.policy.spatialLayer);
          const temporal = entry.policy.temporalLayer ?? 2;
          t += st?.upToTemporalPerSecond?.[temporal] ?? st?.packetsPerSecond ?? 0;
        }
      }
      return t;
    };

    const rx = receiversWindow(a.receivers as ReceiversSnapshot, b.receivers as ReceiversSnapshot, kinds);
    const perSite: SiteFigures[] = this.#sites.map((s) => {
      const r = rx.receivers[s.index];
      const byRole = Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<ConsumerRole, number>;
      const consumersByRole = Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<ConsumerRole, number>;
      for (const c of s.site.consumers.values()) consumersByRole[c.role]++;
      for (const st of r?.streams ?? []) {
        const role = roles.get(st.ssrc);
        if (role) byRole[role] += st.packets / rx.seconds;
      }
      return {
        index: s.index,
        userId: s.site.userId,
        sender: !!s.sender,
        worker: s.site.peer.worker.index,
        consumers: s.site.consumers.size,
        packetsPerSecond: (r?.packets ?? 0) / rx.seconds,
        byRole,
        consumersByRole,
        expectedPerSecond: expectedOf(s),
        lost: r?.lost ?? 0,
      };
    });
    const pps = perSite.map((p) => p.packetsPerSecond);
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / (xs.length || 1);
    let onAsked = 0;
    let video = 0;
    for (const s of this.#sites) {
      for (const c of s.site.consumers.values()) {
        if (c.consumer.kind !== 'video' || c.consumer.type !== 'simulcast') continue;
        video++;
        const cur = c.consumer.currentLayers;
        const entry = s.site.peer.consumers.get(c.info.producerId);
        const want = entry?.policy;
        if (cur && want && cur.spatialLayer === want.spatialLayer && (want.temporalLayer === undefined || cur.temporalLayer === want.temporalLayer)) onAsked++;
      }
    }
    const workerCpu = pids.map((pid) => cpuPercent(a.cpu, b.cpu, [pid]));
    const workerCpuTotal = workerCpu.reduce((x, y) => x + y, 0);
    const late = senders.reduce((t, _, k) => t + ((b.senders[k]?.lateOver10ms ?? 0) - (a.senders[k]?.lateOver10ms ?? 0)), 0);
    const senderPps = senders.reduce((t, _, k) => t + senderRates(a.senders[k] as SenderStats, b.senders[k] as SenderStats).packetsPerSecond, 0);
    const senderStreams = this.#sites.flatMap((s) => {
      const k = s.sender ? senders.indexOf(s.sender) : -1;
      if (k < 0) return [];
      const r = senderRates(a.senders[k] as SenderStats, b.senders[k] as SenderStats);
      const video: number[] = [];
      for (const st of r.streams) if (st.kind === 'video') video[st.layer ?? 0] = st.packetsPerSecond;
      return [{ userId: s.site.userId, chair: s.index === 0, video, audio: r.streams.find((st) => st.kind === 'audio')?.packetsPerSecond ?? 0, total: r.packetsPerSecond }];
    });
    return {
      sites: this.#sites.length,
      senders: senders.length,
      seconds: rx.seconds,
      setupSeconds: o.setupSeconds,
      perSite,
      mean: mean(pps),
      p95: percentile(pps, 95),
      max: Math.max(...pps),
      meanByRole: Object.fromEntries(ROLES.map((role) => [role, mean(perSite.map((p) => p.byRole[role]))])) as Record<ConsumerRole, number>,
      consumersMean: mean(perSite.map((p) => p.consumers)),
      consumersMax: Math.max(...perSite.map((p) => p.consumers)),
      packetsPerSecond: rx.packetsPerSecond,
      expectedPerSecond: perSite.reduce((t, p) => t + p.expectedPerSecond, 0),
      lost: rx.lost,
      lossRatio: rx.lossRatio,
      silent: perSite.filter((p) => p.packetsPerSecond === 0).length,
      onAskedLayer: onAsked,
      videoConsumers: video,
      workers: workers.map((wk, i) => ({
        index: wk.index,
        pid: wk.worker.pid,
        cpu: workerCpu[i] as number,
        consumers: wk.consumers,
        sites: this.#sites.filter((s) => s.site.peer.worker === wk).length,
      })),
      workerCpuTotal,
      workerUsPerPacket: rx.packets ? ((workerCpuTotal / 100) * rx.seconds * 1e6) / rx.packets : NaN,
      senderPacketsPerSecond: senderPps,
      senderStreams,
      senderLateOver10ms: late,
      ingressLost: b.producerLost - a.producerLost,
      ingressSocketDrops: b.ingressDrops - a.ingressDrops,
      receiverSocketDrops: b.receiverDrops - a.receiverDrops,
      pipeSocketDrops: b.pipeDrops - a.pipeDrops,
      pipeTransports: this.media.pipeTransports.filter((t) => !t.closed).length,
      lostByWorker: workers.map((wk) => perSite.filter((p) => p.worker === wk.index).reduce((t, p) => t + p.lost, 0)),
      udp: udpDelta(a.udp, b.udp),
      receiverCpu: cpuPercent(a.cpu, b.cpu, this.receivers.pids),
      harnessCpu: cpuPercent(a.cpu, b.cpu, [process.pid]),
      otherCpu: (machineBusyPercent(a.machine, b.machine) / 100) * availableParallelism() * 100 - cpuPercent(a.cpu, b.cpu),
      machineBusy: machineBusyPercent(a.machine, b.machine),
      load1: loadavg()[0] ?? 0,
      errors: this.#sites.flatMap((s) => s.site.errors),
    };
  }

  async close(): Promise<void> {
    for (const s of this.#senders) await s.stop();
    this.media.close();
    await this.receivers.close();
  }
}

async function producersLost(senders: readonly Sender[]): Promise<number> {
  let lost = 0;
  for (const s of senders) for (const p of [s.videoProducer, s.audioProducer]) if (p && !p.closed) for (const st of await p.getStats()) lost += st.packetsLost;
  return lost;
}
