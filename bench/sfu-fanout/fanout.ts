// SFU fan-out, one stage: one sender publishing simulcast VP8 + opus, N receivers each taking
// some of it, the SFU's worker CPU and what the receivers really got, over a measured window.
// The SFU side is a *contender*: bare mediasoup (bare.ts) or the application's media plane; both
// share this sender, these receivers and this measurement, so their figures compare.
import { availableParallelism, loadavg } from 'node:os';
import type { Clip } from '../lib/media-clip.ts';
import { cpuPercent, machineBusyPercent, waitForQuiet, runWindow, sampleCpu, sampleMachineCpu, sampleUdp, stealPercent, udpDelta, udpSocketDrops, type UdpCounters } from '../lib/measure.ts';
import {
  attachAll, consumerKinds, receiversWindow, startReceivers,
  type AttachedReceiver, type ReceiverMedia, type ReceiverSink, type ReceiversSnapshot,
} from '../lib/receivers.ts';
import { senderRates, type Sender, type SenderOptions, type SenderStats } from '../lib/sender.ts';
import { median } from '../lib/stats.ts';

/** The SFU side of one stage, as a contender sets it up. */
export interface FanoutSfu {
  /**
   * Starts the one sender of the stage: `startSender(router, options)` on the contender's router,
   * passing `options` through (clip, layers) and adding what the contender needs — e.g. its own
   * `transport` and a `produce` that goes through the application's room.
   */
  startSender(options: SenderOptions): Promise<Sender>;
  /** The worker processes doing the forwarding: their CPU is the figure (read once, after set-up). */
  workerPids(): number[];
  /**
   * Makes the SFU send `media` to one receiver's UDP sink (SRTP with the receivers' suite; see
   * receiverTransportOptions() and attachPlainSrtp()). `consumers` may be filled in later (a
   * room's policy may create them asynchronously): it is read after the window, to label the
   * receivers' streams and check their layers.
   */
  attachReceiver(sink: ReceiverSink, media: ReceiverMedia, sender: Sender): Promise<AttachedReceiver>;
  /** Tears everything down (workers included). */
  close(): Promise<void>;
}

export interface FanoutContender {
  name: string;
  /** A fresh SFU for one stage of `receivers` receivers. */
  start(stage: { receivers: number }): Promise<FanoutSfu>;
}

export interface FanoutOptions {
  contender: FanoutContender;
  receivers: number;
  /** What receiver i takes; default: stage (top layer) video + audio. */
  media?: (index: number) => ReceiverMedia;
  warmupSeconds?: number;
  seconds?: number;
  receiverProcesses?: number;
  /** Clip layers the sender sends (default all three: simulcast); [2] for a single-encoding producer. */
  senderLayers?: number[];
  clip?: Clip;
  /** Before setting up, wait up to this many seconds for the machine to be ≤ 15% busy (default 0: just measure it). */
  waitQuietSeconds?: number;
  log?: (s: string) => void;
}

export const stageWithAudio = (): ReceiverMedia => ({ video: { spatialLayer: 2 }, audio: true });
export const stageOnly = (): ReceiverMedia => ({ video: { spatialLayer: 2 } });
export const thumbnailOnly = (): ReceiverMedia => ({ video: { spatialLayer: 0 } });

export interface FanoutResult {
  contender: string;
  receivers: number;
  consumers: number;
  /** "video L2 + audio" etc., for the table. */
  mediaLabel: string;
  seconds: number;
  setupSeconds: number;
  /** Worker CPU, % of one core (summed over the contender's workers). */
  workerCpu: number;
  /** Worker CPU per packet the receivers got, µs. */
  workerUsPerPacket: number;
  /** Packets/s the receivers got, all receivers together. */
  packetsPerSecond: number;
  /** Packets/s they should have got: the sender's rate of each consumed stream, summed. */
  expectedPacketsPerSecond: number;
  /** Sequence gaps / (received + gaps), 0..1. */
  lossRatio: number;
  lost: number;
  /** Receivers that got nothing in the window. */
  silent: number;
  /** Median per-receiver bitrate, kbit/s (SRTP packets, headers included). */
  medianReceiverKbps: number;
  /** Simulcast video consumers on the spatial layer they asked for at the end of the window… */
  onRequestedLayer: number;
  /** …out of this many (0 when the producer has a single encoding). */
  videoConsumers: number;
  /** The sender over the window; lateOver10ms: packets that left more than 10 ms after their time. */
  sender: { packetsPerSecond: number; lateOver10ms: number; keyFrameRequests: number; nackedPackets: number; retransmitted: number };
  /** packetsLost the producers report over the window: the worker losing ingress. */
  ingressLost: number;
  /** Kernel UDP counters over the window (whole machine). */
  udp: UdpCounters;
  /** Kernel receive-buffer drops over the window on the sender's PlainTransport socket (the worker not draining it)… */
  ingressSocketDrops: number;
  /** …and on the receivers' sockets (the harness not keeping up: then the loss is not the SFU's). */
  receiverSocketDrops: number;
  /** CPU of the receiver processes and of this process (sender + harness), % of one core. */
  receiverCpu: number;
  harnessCpu: number;
  /** Whole machine busy, % of all CPUs, during the window… */
  machineBusy: number;
  /** …and just before the stage, with nothing of ours running: other work on the machine. */
  backgroundBusy: number;
  /**
   * Machine CPU during the window not used by the worker, receivers or this process, % of one
   * core: other work competing with the measurement (and interrupt time no process is charged).
   */
  otherCpu: number;
  /** Steal time during the window, % of one core (counted in machineBusy and otherCpu). */
  steal: number;
  load1: number;
  /** Which round of the run (cli.ts --rounds), from 0. */
  round: number;
}

interface Sample {
  cpu: ReturnType<typeof sampleCpu>;
  machine: ReturnType<typeof sampleMachineCpu>;
  udp: UdpCounters;
  sender: SenderStats;
  receivers: ReceiversSnapshot;
  producerLost: number;
  ingressDrops: number;
  receiverDrops: number;
}

const describeMedia = (m: ReceiverMedia) => [m.video ? `video L${m.video.spatialLayer}` : '', m.audio ? 'audio' : ''].filter(Boolean).join(' + ') || 'nothing';

async function producersLost(sender: Sender): Promise<number> {
  let lost = 0;
  for (const p of [sender.videoProducer, sender.audioProducer]) if (p) for (const s of await p.getStats()) lost += s.packetsLost;
  return lost;
}

/** One stage: set up, warm up, measure, tear down. */
export async function runFanout(o: FanoutOptions): Promise<FanoutResult> {
  const log = o.log ?? (() => {});
  const mediaFor = o.media ?? stageWithAudio;
  const background = await waitForQuiet({ maxBusyPercent: 15, timeoutSeconds: o.waitQuietSeconds ?? 0, log });
  const setupStart = performance.now();
  const sfu = await o.contender.start({ receivers: o.receivers });
  let sender: Sender | undefined;
  const receivers = await startReceivers({ count: o.receivers, processes: o.receiverProcesses ?? 2 });
  try {
    sender = await sfu.startSender({ clip: o.clip, layers: o.senderLayers, log });
    const s = sender;
    const wants = receivers.sinks.map((sink) => mediaFor(sink.index));
    const attached = await attachAll(receivers.sinks, (sink) => sfu.attachReceiver(sink, wants[sink.index] as ReceiverMedia, s));
    const setupSeconds = (performance.now() - setupStart) / 1000;
    const consumers = attached.reduce((t, a) => t + a.consumers.length, 0);
    log(`  ${o.contender.name}: ${o.receivers} receivers, ${consumers} consumers, set up in ${setupSeconds.toFixed(1)} s`);

    const pids = sfu.workerPids();
    const ingressPorts = [s.transport.tuple.localPort];
    const sinkPorts = receivers.sinks.map((k) => k.port);
    const all = [...pids, ...receivers.pids, process.pid];
    const sample = async (): Promise<Sample> => ({
      cpu: sampleCpu(all),
      machine: sampleMachineCpu(),
      udp: sampleUdp(),
      sender: s.stats(),
      receivers: await receivers.snapshot(),
      producerLost: await producersLost(s),
      ingressDrops: udpSocketDrops(ingressPorts),
      receiverDrops: udpSocketDrops(sinkPorts),
    });
    const w = await runWindow({ warmupSeconds: o.warmupSeconds ?? 5, seconds: o.seconds ?? 20, sample, log });
    const { start: a, end: b } = w;

    const rx = receiversWindow(a.receivers, b.receivers, consumerKinds(attached));
    const tx = senderRates(a.sender, b.sender);
    const rate = (kind: 'video' | 'audio', layer?: number) => tx.streams.find((st) => st.kind === kind && (layer === undefined || st.layer === layer))?.packetsPerSecond ?? 0;
    const expected = wants.reduce((t, m) => t + (m.video ? rate('video', m.video.spatialLayer) : 0) + (m.audio ? rate('audio') : 0), 0);
    const workerCpu = cpuPercent(a.cpu, b.cpu, pids);
    const videoConsumers = attached.flatMap((r, i) => r.consumers.filter((c) => c.type === 'simulcast').map((c) => ({ c, want: wants[i]?.video?.spatialLayer })));
    const single = (o.senderLayers?.length ?? 3) === 1 ? ' (single-encoding producer)' : '';
    const labels = [...new Set(wants.map((m) => describeMedia(m) + single))];

    return {
      contender: o.contender.name,
      receivers: o.receivers,
      consumers,
      mediaLabel: labels.join(', '),
      seconds: rx.seconds,
      setupSeconds,
      workerCpu,
      workerUsPerPacket: rx.packets ? ((workerCpu / 100) * rx.seconds * 1e6) / rx.packets : NaN,
      packetsPerSecond: rx.packetsPerSecond,
      expectedPacketsPerSecond: expected,
      lossRatio: rx.lossRatio,
      lost: rx.lost,
      silent: rx.silent,
      medianReceiverKbps: median(rx.receivers.map((r) => r.kbps)),
      onRequestedLayer: videoConsumers.filter(({ c, want }) => c.currentLayers?.spatialLayer === want).length,
      videoConsumers: videoConsumers.length,
      sender: {
        packetsPerSecond: tx.packetsPerSecond,
        lateOver10ms: b.sender.lateOver10ms - a.sender.lateOver10ms,
        keyFrameRequests: b.sender.rtcp.keyFrameRequests - a.sender.rtcp.keyFrameRequests,
        nackedPackets: b.sender.rtcp.nackedPackets - a.sender.rtcp.nackedPackets,
        retransmitted: b.sender.retransmitted - a.sender.retransmitted,
      },
      ingressLost: b.producerLost - a.producerLost,
      udp: udpDelta(a.udp, b.udp),
      ingressSocketDrops: b.ingressDrops - a.ingressDrops,
      receiverSocketDrops: b.receiverDrops - a.receiverDrops,
      receiverCpu: cpuPercent(a.cpu, b.cpu, receivers.pids),
      harnessCpu: cpuPercent(a.cpu, b.cpu, [process.pid]),
      machineBusy: machineBusyPercent(a.machine, b.machine),
      backgroundBusy: background,
      otherCpu: (machineBusyPercent(a.machine, b.machine) / 100) * availableParallelism() * 100 - cpuPercent(a.cpu, b.cpu),
      steal: stealPercent(a.machine, b.machine, availableParallelism()),
      load1: loadavg()[0] ?? 0,
      round: 0,
    };
  } finally {
    await sender?.stop();
    await sfu.close();
    await receivers.close();
  }
}
