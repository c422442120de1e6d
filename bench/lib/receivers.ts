// Receivers for the SFU benchmarks: N UDP sinks spread over 1–2 small child processes
// (receiver-child.ts) that count RTP packets, bytes and sequence gaps per SSRC, and the glue to
// make an SFU send to them. Each sink is one "participant": one PlainTransport with SRTP
// carrying its consumers (e.g. stage video + audio).
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { types } from 'mediasoup';

/** Master key + salt, bytes, per suite (RFC 3711, RFC 7714). */
const SRTP_KEY_BYTES: Record<types.SrtpCryptoSuite, number> = { AEAD_AES_256_GCM: 44, AEAD_AES_128_GCM: 28, AES_CM_128_HMAC_SHA1_80: 30, AES_CM_128_HMAC_SHA1_32: 30 };
/**
 * The receivers' SRTP suite: AEAD_AES_256_GCM, what Chromium negotiates with mediasoup over DTLS
 * (getStats() srtpCipher in the browser tests) and so what a real site costs the worker;
 * BENCH_SRTP_SUITE=AES_CM_128_HMAC_SHA1_80 measures the older suite (about 1.5× the worker CPU
 * per packet here).
 */
export const SRTP_SUITE: types.SrtpCryptoSuite = srtpSuite(process.env.BENCH_SRTP_SUITE ?? 'AEAD_AES_256_GCM');

function srtpSuite(name: string): types.SrtpCryptoSuite {
  if (!(name in SRTP_KEY_BYTES)) throw new Error(`BENCH_SRTP_SUITE: one of ${Object.keys(SRTP_KEY_BYTES).join(', ')}`);
  return name as types.SrtpCryptoSuite;
}

// ---- protocol with receiver-child.ts -------------------------------------------------------

export interface StreamCount {
  ssrc: number;
  payloadType: number;
  packets: number;
  bytes: number;
  /** highest − first sequence number + 1 (extended): what should have arrived. */
  expected: number;
}
export type ChildRequest =
  | { type: 'open'; id: number; count: number; ip: string; recvBufferSize: number }
  | { type: 'snapshot'; id: number }
  | { type: 'close' };
export type ChildReply =
  | { type: 'opened'; id: number; ports: number[] }
  | { type: 'snapshot'; id: number; sockets: { rtcp: number; streams: StreamCount[] }[] };

// ---- receivers -----------------------------------------------------------------------------

/** Where the SFU must send one receiver's media. */
export interface ReceiverSink {
  index: number;
  ip: string;
  port: number;
  /** SRTP parameters for `transport.connect()`: the (unused) key the SFU would decrypt our RTCP with. */
  srtpParameters: types.SrtpParameters;
  /** pid of the child process that owns the socket. */
  pid: number;
}

export interface ReceiversSnapshot {
  /** performance.now() when the last child answered. */
  at: number;
  /** Per receiver (sink index), per SSRC. */
  receivers: { rtcp: number; streams: StreamCount[] }[];
}

export interface Receivers {
  sinks: ReceiverSink[];
  /** Child process ids, for their CPU use. */
  pids: number[];
  snapshot(): Promise<ReceiversSnapshot>;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  count: number;
  /** Child processes to spread the sockets over (default 2). */
  processes?: number;
  ip?: string;
  /** SO_RCVBUF per socket (the kernel caps it at net.core.rmem_max). Default 1 MiB. */
  recvBufferSize?: number;
}

/** Opens `count` UDP sinks in child processes (round-robin: sink i in process i % processes). */
export async function startReceivers(opts: ReceiverOptions): Promise<Receivers> {
  const ip = opts.ip ?? '127.0.0.1';
  const nproc = Math.max(1, Math.min(opts.processes ?? 2, opts.count || 1));
  const children: ChildProcess[] = [];
  const pending = new Map<number, { child: ChildProcess; resolve: (r: ChildReply) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  for (let p = 0; p < nproc; p++) {
    const child = fork(new URL('./receiver-child.ts', import.meta.url), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (m: ChildReply) => {
      pending.get(m.id)?.resolve(m);
      pending.delete(m.id);
    });
    child.on('exit', (code, signal) => {
      for (const [id, w] of pending) {
        if (w.child !== child) continue;
        pending.delete(id);
        w.reject(new Error(`receiver process ${child.pid} exited (${code ?? signal})`));
      }
    });
    children.push(child);
  }
  const ask = (child: ChildProcess, req: ChildRequest & { id: number }) =>
    new Promise<ChildReply>((resolve, reject) => {
      pending.set(req.id, { child, resolve, reject });
      child.send(req);
    });

  const perChild = children.map((_, p) => Math.floor(opts.count / nproc) + (p < opts.count % nproc ? 1 : 0));
  const ports = await Promise.all(
    children.map(async (child, p) => {
      const r = await ask(child, { type: 'open', id: nextId++, count: perChild[p] as number, ip, recvBufferSize: opts.recvBufferSize ?? 1 << 20 });
      return r.type === 'opened' ? r.ports : [];
    }),
  );
  // Sink i lives in child i % nproc, as that child's (i / nproc)-th socket.
  const sinks: ReceiverSink[] = Array.from({ length: opts.count }, (_, i) => ({
    index: i,
    ip,
    port: ports[i % nproc]?.[Math.floor(i / nproc)] as number,
    srtpParameters: { cryptoSuite: SRTP_SUITE, keyBase64: randomBytes(SRTP_KEY_BYTES[SRTP_SUITE]).toString('base64') },
    pid: children[i % nproc]?.pid as number,
  }));

  return {
    sinks,
    pids: children.map((c) => c.pid as number),
    async snapshot() {
      const replies = await Promise.all(children.map((c) => ask(c, { type: 'snapshot', id: nextId++ })));
      const at = performance.now();
      const receivers = sinks.map((_, i) => {
        const r = replies[i % nproc];
        const sock = r?.type === 'snapshot' ? r.sockets[Math.floor(i / nproc)] : undefined;
        return sock ?? { rtcp: 0, streams: [] };
      });
      return { at, receivers };
    },
    async close() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null || !c.connected) return resolve();
              const t = setTimeout(() => c.kill(), 2000);
              c.once('exit', () => {
                clearTimeout(t);
                resolve();
              });
              c.send({ type: 'close' } satisfies ChildRequest);
            }),
        ),
      );
    },
  };
}

// ---- windows -------------------------------------------------------------------------------

export interface StreamWindow {
  ssrc: number;
  payloadType: number;
  kind: 'video' | 'audio' | 'unknown';
  packets: number;
  bytes: number;
  /** Sequence-number gaps in the window. */
  lost: number;
}

export interface ReceiverWindow {
  index: number;
  packets: number;
  lost: number;
  bytes: number;
  kbps: number;
  streams: StreamWindow[];
}

export interface ReceiversWindow {
  seconds: number;
  receivers: ReceiverWindow[];
  packets: number;
  lost: number;
  bytes: number;
  packetsPerSecond: number;
  /** lost / (received + lost), 0..1 */
  lossRatio: number;
  /** Receivers that got nothing at all in the window. */
  silent: number;
  /** Packets of streams that are no consumer's (only counted when `kinds` is given). */
  otherPackets: number;
}

/**
 * What each receiver got between two snapshots. `kinds` maps an SSRC to its media kind (from
 * the consumers' rtpParameters); without it streams are 'unknown'.
 */
export function receiversWindow(a: ReceiversSnapshot, b: ReceiversSnapshot, kinds?: ReadonlyMap<number, 'video' | 'audio'>): ReceiversWindow {
  const seconds = (b.at - a.at) / 1000;
  let other = 0;
  const receivers = b.receivers.map((r, index): ReceiverWindow => {
    const before = new Map((a.receivers[index]?.streams ?? []).map((s) => [s.ssrc, s]));
    // With `kinds`, only the consumers' own streams count: not e.g. mediasoup's probation padding.
    const own = kinds ? r.streams.filter((s) => kinds.has(s.ssrc)) : r.streams;
    for (const s of r.streams) if (kinds && !kinds.has(s.ssrc)) other += s.packets - (before.get(s.ssrc)?.packets ?? 0);
    const streams = own.map((s): StreamWindow => {
      const p = before.get(s.ssrc);
      const packets = s.packets - (p?.packets ?? 0);
      const expected = s.expected - (p?.expected ?? 0);
      return { ssrc: s.ssrc, payloadType: s.payloadType, kind: kinds?.get(s.ssrc) ?? 'unknown', packets, bytes: s.bytes - (p?.bytes ?? 0), lost: Math.max(0, expected - packets) };
    });
    const sum = (k: 'packets' | 'lost' | 'bytes') => streams.reduce((t, s) => t + s[k], 0);
    return { index, packets: sum('packets'), lost: sum('lost'), bytes: sum('bytes'), kbps: (sum('bytes') * 8) / seconds / 1000, streams };
  });
  const packets = receivers.reduce((t, r) => t + r.packets, 0);
  const lost = receivers.reduce((t, r) => t + r.lost, 0);
  return {
    seconds,
    receivers,
    packets,
    lost,
    bytes: receivers.reduce((t, r) => t + r.bytes, 0),
    packetsPerSecond: packets / seconds,
    lossRatio: packets + lost ? lost / (packets + lost) : 0,
    silent: receivers.filter((r) => r.packets === 0).length,
    otherPackets: other,
  };
}

// ---- making an SFU send to the receivers ---------------------------------------------------

/** What one receiver takes: video at a spatial layer (0 = thumbnail … 2 = stage) and/or audio. */
export interface ReceiverMedia {
  video?: { spatialLayer: number; temporalLayer?: number };
  audio?: boolean;
}

export interface AttachedReceiver {
  consumers: types.Consumer[];
  close(): Promise<void> | void;
}

export interface PlainSrtpOptions {
  /** A new PlainTransport for receiver `sink` (it will be given enableSrtp / the suite if the factory honours `transportOptions`). */
  makeTransport: (sink: ReceiverSink, transportOptions: types.PlainTransportOptions) => Promise<types.PlainTransport>;
  /** The consuming side's capabilities: usually the router's rtpCapabilities. */
  rtpCapabilities: types.RtpCapabilities;
  videoProducerId?: string;
  audioProducerId?: string;
}

/** PlainTransport options of one receiver: SRTP with the benchmark's suite, RTP/RTCP multiplexed. */
export const receiverTransportOptions = (ip = '127.0.0.1'): types.PlainTransportOptions => ({
  listenInfo: { protocol: 'udp', ip },
  rtcpMux: true,
  comedia: false,
  enableSrtp: true,
  srtpCryptoSuite: SRTP_SUITE,
});

/**
 * `caps` without what turns on sender-side bandwidth estimation (transport-cc, goog-remb and
 * their header extensions). The receivers send no feedback, so with it mediasoup would keep its
 * initial estimate (~600 kbit/s), probe with padding (SSRC 1234, payload type 127) and hold a
 * simulcast consumer below the 1.5 Mbit/s top layer whatever its preferred layers.
 */
export function withoutBandwidthEstimation(caps: types.RtpCapabilities): types.RtpCapabilities {
  return {
    codecs: caps.codecs?.map((c) => ({ ...c, rtcpFeedback: c.rtcpFeedback?.filter((f) => f.type !== 'transport-cc' && f.type !== 'goog-remb') })),
    headerExtensions: caps.headerExtensions?.filter((h) => !/transport-wide-cc|abs-send-time/.test(h.uri)),
  };
}

/**
 * One receiver as plain mediasoup does it: its own PlainTransport with SRTP, connected to the
 * sink, and a consumer per wanted kind (video at the wanted spatial layer). Consumes with
 * withoutBandwidthEstimation(rtpCapabilities).
 */
export async function attachPlainSrtp(sink: ReceiverSink, media: ReceiverMedia, o: PlainSrtpOptions): Promise<AttachedReceiver> {
  const transport = await o.makeTransport(sink, receiverTransportOptions());
  await transport.connect({ ip: sink.ip, port: sink.port, srtpParameters: sink.srtpParameters });
  const rtpCapabilities = withoutBandwidthEstimation(o.rtpCapabilities);
  const consumers: types.Consumer[] = [];
  if (media.video && o.videoProducerId) {
    consumers.push(
      await transport.consume({
        producerId: o.videoProducerId,
        rtpCapabilities,
        preferredLayers: { spatialLayer: media.video.spatialLayer, temporalLayer: media.video.temporalLayer ?? 0 },
      }),
    );
  }
  if (media.audio && o.audioProducerId) consumers.push(await transport.consume({ producerId: o.audioProducerId, rtpCapabilities }));
  return { consumers, close: () => transport.close() };
}

/** SSRC → kind for every consumer, to label the receivers' streams. */
export function consumerKinds(attached: readonly AttachedReceiver[]): Map<number, 'video' | 'audio'> {
  const kinds = new Map<number, 'video' | 'audio'>();
  for (const a of attached) {
    for (const c of a.consumers) for (const e of c.rtpParameters.encodings ?? []) if (e.ssrc !== undefined) kinds.set(e.ssrc, c.kind);
  }
  return kinds;
}

/** Calls `attach` for every sink, `concurrency` at a time; returns in sink order. */
export async function attachAll<T>(sinks: readonly ReceiverSink[], attach: (sink: ReceiverSink) => Promise<T>, concurrency = 8): Promise<T[]> {
  const out: T[] = new Array(sinks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, sinks.length) }, async () => {
      while (next < sinks.length) {
        const i = next++;
        out[i] = await attach(sinks[i] as ReceiverSink);
      }
    }),
  );
  return out;
}
