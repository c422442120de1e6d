// The synthetic clip the SFU benchmarks send: 10 s of ffmpeg's testsrc2 (moving, with temporal
// noise so the encoder cannot coast below its target rate) encoded once per simulcast layer to
// VP8 in IVF, plus a sine tone in Ogg/opus. Encoded once with ffmpeg (installed by
// ensure-bench-deps.sh when missing) and cached under node_modules/.cache/, so runs after the
// first only read and parse the files. Key frames every second on every layer, at the same frame
// numbers, and the clip is a whole number of GOPs, so looping it starts again on a key frame.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Bump when the encoding changes, so a stale cached clip is never sent.
const VERSION = 2;
export const CLIP_SECONDS = 10;
export const FPS = 30;
const GOP = FPS; // a key frame per second per layer

export interface LayerSpec {
  width: number;
  height: number;
  kbps: number;
}

/** The three simulcast layers, lowest first (mediasoup's spatial layers 0, 1, 2). */
export const LAYERS: readonly LayerSpec[] = [
  { width: 320, height: 180, kbps: 150 },
  { width: 640, height: 360, kbps: 500 },
  { width: 1280, height: 720, kbps: 1500 },
];
const AUDIO_KBPS = 32;

export interface VideoFrame {
  /** Frame index in the clip; its media time is index / FPS. */
  index: number;
  key: boolean;
  data: Buffer;
}

export interface Clip {
  /** One frame list per layer, lowest layer first. */
  layers: VideoFrame[][];
  /** Opus packets of 20 ms each. */
  audio: Buffer[];
  fps: number;
  seconds: number;
  dir: string;
  generated: boolean;
}

const ROOT = new URL('../../', import.meta.url).pathname;
export const MEDIA_CACHE_DIR = join(ROOT, 'node_modules/.cache/ecabinet-bench/media');

/** The clip from the cache, encoded there on first use. */
export async function benchClip(cacheDir = MEDIA_CACHE_DIR, log: (s: string) => void = () => {}): Promise<Clip> {
  const dir = join(cacheDir, `clip-v${VERSION}`);
  const files = [...LAYERS.map((_, i) => `layer${i}.ivf`), 'audio.ogg'];
  let generated = false;
  if (!files.every((f) => existsSync(join(dir, f)))) {
    log(`encoding the benchmark clip with ffmpeg into ${dir} (once, ~30 s)…`);
    await encode(dir, files);
    generated = true;
  }
  const layers: VideoFrame[][] = [];
  for (let i = 0; i < LAYERS.length; i++) layers.push(parseIvf(await readFile(join(dir, `layer${i}.ivf`))));
  const audio = parseOggOpus(await readFile(join(dir, 'audio.ogg')));
  const frames = CLIP_SECONDS * FPS;
  for (const [i, l] of layers.entries()) {
    if (l.length !== frames || !l[0]?.key) throw new Error(`layer ${i}: ${l.length} frames (want ${frames}), first key=${l[0]?.key}`);
  }
  // Keep exactly CLIP_SECONDS of audio so video and audio loop together.
  return { layers, audio: audio.slice(0, CLIP_SECONDS * 50), fps: FPS, seconds: CLIP_SECONDS, dir, generated };
}

async function encode(dir: string, files: string[]): Promise<void> {
  await run('bash', [new URL('./ensure-bench-deps.sh', import.meta.url).pathname], { maxBuffer: 16 << 20 });
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const top = LAYERS[LAYERS.length - 1] as LayerSpec;
  const split = LAYERS.map((_, i) => `[s${i}]`).join('');
  const scales = LAYERS.map((l, i) => `[s${i}]scale=${l.width}:${l.height}[v${i}]`).join(';');
  const args = [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=${top.width}x${top.height}:rate=${FPS}:duration=${CLIP_SECONDS}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${CLIP_SECONDS + 1}`,
    '-filter_complex', `[0:v]noise=alls=12:allf=t,split=${LAYERS.length}${split};${scales}`,
  ];
  LAYERS.forEach((l, i) => {
    const rate = `${l.kbps}k`;
    args.push(
      '-map', `[v${i}]`, '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8',
      '-b:v', rate, '-minrate', rate, '-maxrate', rate, '-g', String(GOP), '-keyint_min', String(GOP),
      // No hidden alt-ref frames and no look-ahead: one IVF frame per displayed frame, as a
      // real-time encoder sends them.
      '-auto-alt-ref', '0', '-lag-in-frames', '0', '-error-resilient', '1',
      // Key frames at most 3 average frames, as real-time encoders cap them: uncapped, the first
      // 720p key frame is ~330 kB, a burst of ~280 packets that overflows the worker's socket.
      '-max-intra-rate', '300', '-threads', '2',
      join(tmp, files[i] as string),
    );
  });
  args.push(
    '-map', '1:a', '-c:a', 'libopus', '-b:a', `${AUDIO_KBPS}k`, '-vbr', 'off', '-frame_duration', '20',
    '-application', 'voip', '-ac', '1', join(tmp, 'audio.ogg'),
  );
  await run('ffmpeg', args, { maxBuffer: 16 << 20 });
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir); // never leave a half-written clip to be reused
}

/** IVF: 32-byte file header, then per frame a 12-byte header (size u32le, pts u64le) and data. */
export function parseIvf(buf: Buffer): VideoFrame[] {
  if (buf.toString('latin1', 0, 4) !== 'DKIF' || buf.toString('latin1', 8, 12) !== 'VP80') throw new Error('not a VP8 IVF file');
  const headerLen = buf.readUInt16LE(6);
  const frames: VideoFrame[] = [];
  for (let off = headerLen; off + 12 <= buf.length; ) {
    const size = buf.readUInt32LE(off);
    const data = buf.subarray(off + 12, off + 12 + size);
    // VP8 frame tag (RFC 6386 §9.1): bit 0 of the first byte is 0 for a key frame.
    frames.push({ index: frames.length, key: ((data[0] as number) & 1) === 0, data });
    off += 12 + size;
  }
  return frames;
}

/** Opus packets from an Ogg stream (RFC 7845), without the OpusHead and OpusTags headers. */
export function parseOggOpus(buf: Buffer): Buffer[] {
  const packets: Buffer[] = [];
  let partial: Buffer[] = [];
  for (let off = 0; off + 27 <= buf.length; ) {
    if (buf.toString('latin1', off, off + 4) !== 'OggS') throw new Error(`bad Ogg page at ${off}`);
    const segments = buf[off + 26] as number;
    const table = buf.subarray(off + 27, off + 27 + segments);
    let data = off + 27 + segments;
    for (const len of table) {
      partial.push(buf.subarray(data, data + len));
      data += len;
      // A lacing value below 255 ends a packet.
      if (len < 255) {
        packets.push(Buffer.concat(partial));
        partial = [];
      }
    }
    off = data;
  }
  const isHeader = (p: Buffer) => p.toString('latin1', 0, 8) === 'OpusHead' || p.toString('latin1', 0, 8) === 'OpusTags';
  return packets.filter((p) => !isHeader(p));
}
