// The media sender of the SFU benchmarks, in-process: what a browser publishing a camera with
// simulcast would send, without a browser. One PlainTransport (comedia, RTP/RTCP multiplexed, no
// SRTP on ingress) on the given router, two producers on it:
// - video: VP8, payload type 101, three simulcast encodings (320x180 ~150 kbit/s, 640x360
//   ~500 kbit/s, 1280x720 ~1.5 Mbit/s), one SSRC each, scalabilityMode L1T1;
// - audio: opus, payload type 100, 20 ms packets.
// The pre-encoded clip (media-clip.ts) is packetized into RTP (RFC 7741 VP8 payload descriptor
// with a 15-bit picture ID, marker bit on each frame's last packet) and sent from ONE UDP socket
// at the frames' own timestamps, looping. Every second an RTCP sender report per SSRC maps RTP
// time to wall-clock time (mediasoup needs it to line up simulcast layers when it has no
// abs-capture-time extension — which this producer deliberately does not declare). Incoming
// RTCP is parsed: receiver reports kept, generic NACKs answered by resending the packet (no RTX),
// key-frame requests counted (every layer has a key frame every second anyway).
import { createSocket, type Socket } from 'node:dgram';
import type { types } from 'mediasoup';
import { benchClip, LAYERS, type Clip } from './media-clip.ts';
import { isRtcp, parseRtcp, rtpPacket, senderReport, vp8Payloads } from './rtp.ts';

export const VIDEO_PT = 101;
export const AUDIO_PT = 100;
const VIDEO_CLOCK = 90000;
const AUDIO_CLOCK = 48000;
const AUDIO_FRAME_MS = 20;
const HISTORY = 1024; // packets kept per SSRC to answer NACKs (~5 s of the top layer)

export interface SenderOptions {
  /** The clip to send; default: benchClip() (encoded on first use). */
  clip?: Clip;
  /** Send opus as well (default true). */
  audio?: boolean;
  /**
   * Which of the clip's layers to send, lowest first (default all three: simulcast). One layer,
   * e.g. [2], makes a plain single-encoding producer (mediasoup then uses a SimpleConsumer).
   */
  layers?: number[];
  /** Address the sender's PlainTransport listens on (default 127.0.0.1). */
  ip?: string;
  /** First SSRC; video encodings take ssrc, ssrc+1, … and audio the next one. Default random. */
  ssrc?: number;
  /** appData for both producers (e.g. a peer id the application contender needs). */
  appData?: Record<string, unknown>;
  /**
   * The PlainTransport to send into, already made (e.g. registered with the application's room);
   * it must be senderTransportOptions()-like: comedia, RTP/RTCP multiplexed, no SRTP. Default: one
   * is created on `router`. stop() closes it either way.
   */
  transport?: types.PlainTransport;
  /**
   * How the producers are made (e.g. through the application's room so its policies see them).
   * Default: transport.produce(options).
   */
  produce?: (transport: types.PlainTransport, options: types.ProducerOptions) => Promise<types.Producer>;
  log?: (s: string) => void;
}

export interface StreamCounters {
  ssrc: number;
  kind: 'video' | 'audio';
  /** Spatial layer for video, undefined for audio. */
  layer?: number;
  packets: number;
  bytes: number;
}

export interface SenderStats {
  /** Wall time (performance.now(), ms) of this snapshot. */
  at: number;
  /** RTP packets and bytes sent (retransmissions not included). */
  packets: number;
  bytes: number;
  streams: StreamCounters[];
  retransmitted: number;
  rtcp: { sent: number; received: number; keyFrameRequests: number; nackedPackets: number; unanswerableNacks: number };
  /** Latest receiver-report figures from mediasoup per SSRC: what the worker says it lost on ingress. */
  reports: Record<number, { fractionLost: number; cumulativeLost: number }>;
  /** Longest a packet left after its due time since the start, ms: > a few ms means the pacing lost real time… */
  maxLateMs: number;
  /** …and how many packets left more than 10 ms late (subtract two snapshots for a window). */
  lateOver10ms: number;
  sendErrors: number;
}

export interface Sender {
  transport: types.PlainTransport;
  videoProducer: types.Producer;
  audioProducer: types.Producer | undefined;
  /** Cumulative counters; take two and subtract for a window. */
  stats(): SenderStats;
  stop(): Promise<void>;
}

interface Stream {
  counters: StreamCounters;
  payloadType: number;
  clock: number;
  timestampBase: number;
  seq: number;
  history: (Buffer | undefined)[];
}

interface Event {
  /** ms from the start of the clip */
  t: number;
  stream: number;
  /** frame index (video) or packet index (audio) */
  index: number;
}

/** The sender's PlainTransport: comedia (mediasoup learns our address from the first packet), RTP/RTCP multiplexed, no SRTP. */
export const senderTransportOptions = (ip = '127.0.0.1'): types.PlainTransportOptions => ({
  listenInfo: { protocol: 'udp', ip },
  rtcpMux: true,
  comedia: true,
});

const randomU32 = () => (Math.random() * 2 ** 32) >>> 0;
const randomU16 = () => (Math.random() * 2 ** 16) >>> 0;

/** Starts producing on `router`; media flows until stop(). */
export async function startSender(router: types.Router, opts: SenderOptions = {}): Promise<Sender> {
  const clip = opts.clip ?? (await benchClip(undefined, opts.log));
  const withAudio = opts.audio ?? true;
  const ip = opts.ip ?? '127.0.0.1';
  const ssrc0 = opts.ssrc ?? (randomU32() & 0x7ffffff0) + 16;

  const layers = opts.layers ?? clip.layers.map((_, i) => i);
  if (layers.length === 0 || layers.some((l) => !clip.layers[l])) throw new Error(`no such layers: ${layers.join(',')}`);
  const streams: Stream[] = layers.map((layer, k) => ({
    counters: { ssrc: ssrc0 + k, kind: 'video', layer, packets: 0, bytes: 0 },
    payloadType: VIDEO_PT, clock: VIDEO_CLOCK, timestampBase: randomU32(), seq: randomU16(), history: new Array(HISTORY),
  }));
  const audioIndex = streams.length;
  if (withAudio) {
    streams.push({
      counters: { ssrc: ssrc0 + audioIndex, kind: 'audio', packets: 0, bytes: 0 },
      payloadType: AUDIO_PT, clock: AUDIO_CLOCK, timestampBase: randomU32(), seq: randomU16(), history: new Array(HISTORY),
    });
  }
  const bySsrc = new Map(streams.map((s) => [s.counters.ssrc, s]));

  const transport = opts.transport ?? (await router.createPlainTransport(senderTransportOptions(ip)));
  const produce = opts.produce ?? ((t: types.PlainTransport, o: types.ProducerOptions) => t.produce(o));
  const feedback = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }];
  const videoProducer = await produce(transport, {
    kind: 'video',
    rtpParameters: {
      codecs: [{ mimeType: 'video/VP8', payloadType: VIDEO_PT, clockRate: VIDEO_CLOCK, rtcpFeedback: feedback }],
      encodings: layers.map((layer, k) => ({ ssrc: ssrc0 + k, scalabilityMode: 'L1T1', maxBitrate: (LAYERS[layer]?.kbps ?? 0) * 1000 })),
      // No header extensions at all: in particular not abs-capture-time (see the notes on
      // simulcast layer switching); sender reports give mediasoup the capture clock.
      headerExtensions: [],
      rtcp: { cname: `bench-sender-${ssrc0}`, reducedSize: true },
    },
    appData: { ...opts.appData, bench: 'sender' },
  });
  const audioProducer = withAudio
    ? await produce(transport, {
        kind: 'audio',
        rtpParameters: {
          codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PT, clockRate: AUDIO_CLOCK, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
          encodings: [{ ssrc: ssrc0 + audioIndex }],
          headerExtensions: [],
          rtcp: { cname: `bench-sender-${ssrc0}`, reducedSize: true },
        },
        appData: { ...opts.appData, bench: 'sender' },
      })
    : undefined;

  // One loop of the clip as a time-ordered list of sends.
  const events: Event[] = [];
  layers.forEach((layer, k) => clip.layers[layer]?.forEach((f) => events.push({ t: (f.index * 1000) / clip.fps, stream: k, index: f.index })));
  if (withAudio) clip.audio.forEach((_, j) => events.push({ t: j * AUDIO_FRAME_MS, stream: audioIndex, index: j }));
  events.sort((a, b) => a.t - b.t || a.stream - b.stream);
  const loopMs = clip.seconds * 1000;
  const framesPerLoop = clip.seconds * clip.fps;

  const stats: SenderStats = {
    at: 0, packets: 0, bytes: 0, streams: streams.map((s) => s.counters), retransmitted: 0,
    rtcp: { sent: 0, received: 0, keyFrameRequests: 0, nackedPackets: 0, unanswerableNacks: 0 },
    reports: {}, maxLateMs: 0, lateOver10ms: 0, sendErrors: 0,
  };

  const socket: Socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, ip, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', () => stats.sendErrors++);
  await new Promise<void>((resolve) => socket.connect(transport.tuple.localPort, ip, resolve));
  const send = (buf: Buffer) =>
    socket.send(buf, (err) => {
      if (err) stats.sendErrors++;
    });

  socket.on('message', (msg) => {
    if (!isRtcp(msg)) return;
    stats.rtcp.received++;
    const fb = parseRtcp(msg);
    for (const r of fb.reports) stats.reports[r.ssrc] = { fractionLost: r.fractionLost, cumulativeLost: r.cumulativeLost };
    stats.rtcp.keyFrameRequests += fb.keyFrameRequests.length;
    for (const nack of fb.nacks) {
      const s = bySsrc.get(nack.ssrc);
      for (const seq of nack.seqs) {
        stats.rtcp.nackedPackets++;
        const pkt = s?.history[seq % HISTORY];
        if (pkt && pkt.readUInt16BE(2) === seq) {
          send(pkt);
          stats.retransmitted++;
        } else {
          stats.rtcp.unanswerableNacks++;
        }
      }
    }
  });

  const sendRtp = (s: Stream, marker: boolean, timestamp: number, payload: Buffer) => {
    const pkt = rtpPacket({ payloadType: s.payloadType, marker, sequenceNumber: s.seq, timestamp, ssrc: s.counters.ssrc }, payload);
    s.history[s.seq % HISTORY] = pkt;
    s.seq = (s.seq + 1) & 0xffff;
    s.counters.packets++;
    s.counters.bytes += pkt.length;
    stats.packets++;
    stats.bytes += pkt.length;
    send(pkt);
  };

  const start = performance.now();
  const wallAt = (perf: number) => performance.timeOrigin + perf;
  let loop = 0;
  let next = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const tick = () => {
    if (stopped) return;
    const now = performance.now();
    for (;;) {
      const e = events[next] as Event;
      const due = start + loop * loopMs + e.t;
      if (due > now) break;
      stats.maxLateMs = Math.max(stats.maxLateMs, now - due);
      const late = now - due > 10;
      const s = streams[e.stream] as Stream;
      const before = s.counters.packets;
      if (e.stream === audioIndex) {
        const n = loop * clip.audio.length + e.index;
        sendRtp(s, false, s.timestampBase + n * ((AUDIO_CLOCK * AUDIO_FRAME_MS) / 1000), clip.audio[e.index] as Buffer);
      } else {
        const n = loop * framesPerLoop + e.index;
        const frame = clip.layers[s.counters.layer ?? 0]?.[e.index];
        if (frame) {
          const payloads = vp8Payloads(frame.data, n & 0x7fff);
          const ts = s.timestampBase + n * (VIDEO_CLOCK / clip.fps);
          payloads.forEach((p, k) => sendRtp(s, k === payloads.length - 1, ts, p));
        }
      }
      if (late) stats.lateOver10ms += s.counters.packets - before;
      if (++next === events.length) {
        next = 0;
        loop++;
      }
    }
    const due = start + loop * loopMs + (events[next] as Event).t;
    timer = setTimeout(tick, Math.max(0, due - performance.now()));
  };

  // RTCP sender reports, one compound packet for all SSRCs, every second.
  const report = () => {
    const now = performance.now();
    const elapsed = (now - start) / 1000;
    const srs = streams.map((s) => senderReport(s.counters.ssrc, wallAt(now), s.timestampBase + Math.round(elapsed * s.clock), s.counters.packets, s.counters.bytes));
    send(Buffer.concat(srs));
    stats.rtcp.sent++;
  };
  const reporter = setInterval(report, 1000);

  tick();
  report();

  return {
    transport,
    videoProducer,
    audioProducer,
    stats: () => structuredClone({ ...stats, at: performance.now() }),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearInterval(reporter);
      socket.close();
      transport.close();
    },
  };
}

/** Packets/s and kbit/s per stream between two sender snapshots. */
export function senderRates(a: SenderStats, b: SenderStats): { packetsPerSecond: number; streams: (StreamCounters & { packetsPerSecond: number; kbps: number })[] } {
  const seconds = (b.at - a.at) / 1000;
  return {
    packetsPerSecond: (b.packets - a.packets) / seconds,
    streams: b.streams.map((s, i) => {
      const prev = a.streams[i] as StreamCounters;
      return { ...s, packets: s.packets - prev.packets, bytes: s.bytes - prev.bytes, packetsPerSecond: (s.packets - prev.packets) / seconds, kbps: ((s.bytes - prev.bytes) * 8) / seconds / 1000 };
    }),
  };
}
