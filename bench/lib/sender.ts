// The media sender of the SFU benchmarks, in-process: what a browser publishing a camera with
// simulcast would send, without a browser. One PlainTransport (comedia, RTP/RTCP multiplexed, no
// SRTP on ingress) on the given router, two producers on it:
// - video: VP8, payload type 101, three simulcast encodings (320x180 ~150 kbit/s, 640x360
//   ~500 kbit/s, 1280x720 ~1.5 Mbit/s), one SSRC each, scalabilityMode L1T1 — or, with
//   `scalabilityMode: 'L1T3'`, three temporal layers: the clip's frames are *labelled* (TID
//   0, 2, 1, 2 from each key frame, TL0PICIDX, Y) so the SFU can drop the upper temporal layers,
//   not re-encoded as an L1T3 encoder would (same bytes per frame: right for packet rates, not
//   for the bitrate split between layers);
// - audio: opus, payload type 100, 20 ms packets. With `talking` set, the packets carry an
//   audio level (RFC 6464) so a router's ActiveSpeakerObserver can pick the speaker: while
//   talking, levels rise and fall like speech in 500 ms words; while silent, the sender does
//   what opus DTX in a browser does: one packet per 400 ms, marked as silence.
// The pre-encoded clip (media-clip.ts) is packetized into RTP (RFC 7741 VP8 payload descriptor
// with a 15-bit picture ID, marker bit on each frame's last packet; with L1T3 also TL0PICIDX and
// TID) and sent from ONE UDP socket
// at the frames' own timestamps, looping. Every second an RTCP sender report per SSRC maps RTP
// time to wall-clock time (mediasoup needs it to line up simulcast layers when it has no
// abs-capture-time extension — which this producer deliberately does not declare). Incoming
// RTCP is parsed: receiver reports kept, generic NACKs answered by resending the packet (no RTX),
// key-frame requests counted (every layer has a key frame every second anyway).
// setMaxSpatialLayer() stops sending the layers above a maximum (the lowest always stays), as a
// browser does when the application tells it nobody receives them (producerDemand).
import { createSocket, type Socket } from 'node:dgram';
import type { types } from 'mediasoup';
import { benchClip, LAYERS, type Clip } from './media-clip.ts';
import { isRtcp, L1T3_PATTERN, parseRtcp, rtpPacket, senderReport, vp8Payloads, type Vp8Temporal } from './rtp.ts';

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
   * Speech on the microphone (see the top of this file): true talking, false silent with DTX,
   * changed later with setTalking(). Unset: no audio level, opus at its full rate all the time.
   */
  talking?: boolean;
  /**
   * Which of the clip's layers to send, lowest first (default all three: simulcast). One layer,
   * e.g. [2], makes a plain single-encoding producer (mediasoup then uses a SimpleConsumer).
   */
  layers?: number[];
  /**
   * 'L1T1' (default): one temporal layer, the descriptor without TID. 'L1T3': each encoding has
   * three temporal layers, the frames labelled 0, 2, 1, 2 (see the top of this file).
   */
  scalabilityMode?: 'L1T1' | 'L1T3';
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
  /** Video with L1T3: packets per temporal layer (index = TID). */
  temporalPackets?: number[];
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
  /**
   * Stops sending the simulcast layers above `layer` (the lowest layer always stays), as a
   * browser does after setMaxSpatialLayer(); a higher value sends them again (from the next key
   * frame on, for the SFU). Default: every layer.
   */
  setMaxSpatialLayer(layer: number): void;
  /** Talking or silent (DTX), for a sender started with `talking` set. */
  setTalking(talking: boolean): void;
  stop(): Promise<void>;
}

interface Stream {
  counters: StreamCounters;
  payloadType: number;
  clock: number;
  timestampBase: number;
  seq: number;
  history: (Buffer | undefined)[];
  /** L1T3: position in the 0, 2, 1, 2 group since the last key frame, and the current TL0PICIDX. */
  groupPos: number;
  tl0PicIdx: number;
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

/** The ssrc-audio-level extension's id in the producer's parameters (any free 1..14). */
export const AUDIO_LEVEL_ID = 1;
export const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
/** opus DTX: while silent, one packet every 400 ms (20 packets of 20 ms). */
export const DTX_EVERY = 20;
/**
 * Levels (-dBov) of one 500 ms word, a packet each: 400 ms voiced, loud and wavering, then a
 * 100 ms dip between words. The voiced run must be long: mediasoup's ActiveSpeakerObserver
 * (Jitsi's dominant-speaker identification) scores 100 ms blocks that are loud throughout, and
 * with short syllables every block straddles a dip and a talker never displaces a silent
 * dominant speaker. 25 packets against its 300 ms (15-packet) tick also keeps the two from
 * locking in phase.
 */
export const SPEECH = [40, 30, 25, 22, 20, 22, 25, 28, 24, 21, 20, 23, 27, 30, 26, 22, 20, 24, 32, 45, 60, 75, 80, 70, 55];
/** A DTX frame: a TOC byte and nothing else, as small as opus makes it. */
export const DTX_FRAME = Buffer.from([0xf8]);

const randomU32 = () => (Math.random() * 2 ** 32) >>> 0;
const randomU16 = () => (Math.random() * 2 ** 16) >>> 0;

/** Starts producing on `router`; media flows until stop(). */
export async function startSender(router: types.Router, opts: SenderOptions = {}): Promise<Sender> {
  const clip = opts.clip ?? (await benchClip(undefined, opts.log));
  const withAudio = opts.audio ?? true;
  const speech = opts.talking !== undefined;
  let talking = opts.talking ?? true;
  const ip = opts.ip ?? '127.0.0.1';
  const ssrc0 = opts.ssrc ?? (randomU32() & 0x7ffffff0) + 16;

  const layers = opts.layers ?? clip.layers.map((_, i) => i);
  const scalabilityMode = opts.scalabilityMode ?? 'L1T1';
  const temporalLayers = scalabilityMode === 'L1T3';
  if (layers.length === 0 || layers.some((l) => !clip.layers[l])) throw new Error(`no such layers: ${layers.join(',')}`);
  const streams: Stream[] = layers.map((layer, k) => ({
    counters: { ssrc: ssrc0 + k, kind: 'video', layer, packets: 0, bytes: 0, ...(temporalLayers ? { temporalPackets: [0, 0, 0] } : {}) },
    payloadType: VIDEO_PT, clock: VIDEO_CLOCK, timestampBase: randomU32(), seq: randomU16(), history: new Array(HISTORY),
    groupPos: 0, tl0PicIdx: randomU16() & 0xff,
  }));
  const audioIndex = streams.length;
  if (withAudio) {
    streams.push({
      counters: { ssrc: ssrc0 + audioIndex, kind: 'audio', packets: 0, bytes: 0 },
      payloadType: AUDIO_PT, clock: AUDIO_CLOCK, timestampBase: randomU32(), seq: randomU16(), history: new Array(HISTORY),
      groupPos: 0, tl0PicIdx: 0,
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
      encodings: layers.map((layer, k) => ({ ssrc: ssrc0 + k, scalabilityMode, maxBitrate: (LAYERS[layer]?.kbps ?? 0) * 1000 })),
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
          headerExtensions: speech ? [{ uri: AUDIO_LEVEL_URI, id: AUDIO_LEVEL_ID }] : [],
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

  const sendRtp = (s: Stream, marker: boolean, timestamp: number, payload: Buffer, tid?: number, audioLevel?: { id: number; level: number; voice: boolean }) => {
    const pkt = rtpPacket({ payloadType: s.payloadType, marker, sequenceNumber: s.seq, timestamp, ssrc: s.counters.ssrc, ...(audioLevel ? { audioLevel } : {}) }, payload);
    s.history[s.seq % HISTORY] = pkt;
    s.seq = (s.seq + 1) & 0xffff;
    s.counters.packets++;
    s.counters.bytes += pkt.length;
    if (tid !== undefined && s.counters.temporalPackets) s.counters.temporalPackets[tid] = (s.counters.temporalPackets[tid] ?? 0) + 1;
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
  let maxSpatialLayer = Infinity;

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
        const ts = s.timestampBase + n * ((AUDIO_CLOCK * AUDIO_FRAME_MS) / 1000);
        if (!speech) sendRtp(s, false, ts, clip.audio[e.index] as Buffer);
        else if (talking) sendRtp(s, false, ts, clip.audio[e.index] as Buffer, undefined, { id: AUDIO_LEVEL_ID, level: SPEECH[n % SPEECH.length] as number, voice: true });
        else if (n % DTX_EVERY === 0) sendRtp(s, false, ts, DTX_FRAME, undefined, { id: AUDIO_LEVEL_ID, level: 127, voice: false });
      } else {
        const n = loop * framesPerLoop + e.index;
        const frame = clip.layers[s.counters.layer ?? 0]?.[e.index];
        // A layer above the maximum is not sent (its temporal labels still advance, as the
        // frames would have been encoded), except the lowest one.
        if (frame && (e.stream === 0 || (s.counters.layer ?? 0) <= maxSpatialLayer)) {
          const temporal = temporalLayers ? nextTemporal(s, frame.key) : undefined;
          const payloads = vp8Payloads(frame.data, n & 0x7fff, undefined, temporal);
          const ts = s.timestampBase + n * (VIDEO_CLOCK / clip.fps);
          payloads.forEach((p, k) => sendRtp(s, k === payloads.length - 1, ts, p, temporal?.tid));
        } else if (frame && temporalLayers) {
          nextTemporal(s, frame.key);
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
    setMaxSpatialLayer(layer) {
      maxSpatialLayer = layer;
    },
    setTalking(on) {
      if (!speech) throw new Error('setTalking() needs a sender started with `talking` set');
      talking = on;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearInterval(reporter);
      socket.close();
      transport.close();
    },
  };
}

/**
 * The labels of the next frame of an L1T3 stream: a key frame starts a group (TID 0); TL0PICIDX
 * counts TID-0 frames; the TID-2 frame right after a TL0 frame and the TID-1 frame depend only
 * on that TL0 frame (Y=1), the last TID-2 frame of a group also on the TID-1 one (Y=0).
 */
function nextTemporal(s: Stream, key: boolean): Vp8Temporal {
  s.groupPos = key ? 0 : s.groupPos + 1;
  const pos = s.groupPos % L1T3_PATTERN.length;
  const tid = L1T3_PATTERN[pos] as number;
  if (tid === 0) s.tl0PicIdx = (s.tl0PicIdx + 1) & 0xff;
  return { tid, tl0PicIdx: s.tl0PicIdx, layerSync: tid !== 0 && pos !== 3 };
}

export interface StreamRate extends StreamCounters {
  packetsPerSecond: number;
  kbps: number;
  /** L1T3 video: packets/s a consumer at temporal layer t gets (TIDs 0..t), index t. */
  upToTemporalPerSecond?: number[];
}

/** Packets/s and kbit/s per stream between two sender snapshots. */
export function senderRates(a: SenderStats, b: SenderStats): { packetsPerSecond: number; streams: StreamRate[] } {
  const seconds = (b.at - a.at) / 1000;
  return {
    packetsPerSecond: (b.packets - a.packets) / seconds,
    streams: b.streams.map((s, i) => {
      const prev = a.streams[i] as StreamCounters;
      const rate: StreamRate = { ...s, packets: s.packets - prev.packets, bytes: s.bytes - prev.bytes, packetsPerSecond: (s.packets - prev.packets) / seconds, kbps: ((s.bytes - prev.bytes) * 8) / seconds / 1000 };
      if (s.temporalPackets) {
        let sum = 0;
        rate.upToTemporalPerSecond = s.temporalPackets.map((p, t) => (sum += p - (prev.temporalPackets?.[t] ?? 0)) / seconds);
      }
      return rate;
    }),
  };
}
