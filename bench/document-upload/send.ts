// The benchmark's client side: a multipart body sent as a stream at a chosen rate (a tablet on
// a LAN or Wi-Fi rather than loopback's gigabytes per second), and the server's memory sampled
// meanwhile from /proc (RSS) and from its /metrics (V8 heap), which costs the server nothing
// between scrapes.
import { randomBytes } from 'node:crypto';
import { memoryMiB } from '../join-storm/server.ts';

const CHUNK = 64 * 1024;

export interface MultipartBody {
  contentType: string;
  parts: Uint8Array[];
  length: number;
}

/** A multipart/form-data body: text fields first, then `file` (as browsers and our web app send it). */
export function multipartBody(file: Uint8Array, filename: string, fields: Record<string, string> = {}): MultipartBody {
  const boundary = `----ecabinet-bench-${randomBytes(8).toString('hex')}`;
  const head = [
    ...Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
  ].join('');
  const parts = [new TextEncoder().encode(head), file, new TextEncoder().encode(`\r\n--${boundary}--\r\n`)];
  return { contentType: `multipart/form-data; boundary=${boundary}`, parts, length: parts.reduce((n, p) => n + p.length, 0) };
}

export interface SendResult {
  status: number;
  body: unknown;
  /** From the first byte offered to the response's end, ms. */
  totalMs: number;
  /** When the last byte of the body was handed to the socket, ms after the start. */
  sentMs: number;
}

/** POSTs `body` in 64 KiB chunks, no faster than `bytesPerSecond` (Infinity: as fast as it goes). */
export async function send(url: string, body: MultipartBody, o: { cookie?: string; bytesPerSecond: number }): Promise<SendResult> {
  const t0 = performance.now();
  let sentMs = NaN;
  let offered = 0;
  const chunks = (function* () {
    for (const part of body.parts) for (let at = 0; at < part.length; at += CHUNK) yield part.subarray(at, at + CHUNK);
  })();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = chunks.next();
      if (next.done) {
        sentMs = performance.now() - t0;
        controller.close();
        return;
      }
      offered += next.value.length;
      const due = (offered / o.bytesPerSecond) * 1000 - (performance.now() - t0);
      if (due > 0) await new Promise((r) => setTimeout(r, due));
      controller.enqueue(next.value);
    },
  });
  const res = await fetch(url, {
    method: 'POST',
    body: stream,
    duplex: 'half',
    headers: { 'content-type': body.contentType, 'content-length': String(body.length), ...(o.cookie ? { cookie: o.cookie } : {}) },
  } as RequestInit);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, totalMs: performance.now() - t0, sentMs };
}

export interface MemorySample {
  atMs: number;
  rssMiB: number;
}

/** Samples a process's RSS every `everyMs` while `run` runs. */
export async function sampleRss<T>(pid: number, everyMs: number, run: () => Promise<T>): Promise<{ result: T; samples: MemorySample[]; before: number }> {
  const t0 = performance.now();
  const before = memoryMiB(pid).rss;
  const samples: MemorySample[] = [];
  const timer = setInterval(() => samples.push({ atMs: performance.now() - t0, rssMiB: memoryMiB(pid).rss }), everyMs);
  try {
    const result = await run();
    samples.push({ atMs: performance.now() - t0, rssMiB: memoryMiB(pid).rss });
    return { result, samples, before };
  } finally {
    clearInterval(timer);
  }
}

export interface HeapSample {
  /** When it was taken, ms after sampling started. */
  atMs: number;
  /** V8 heap in use, MiB. */
  heapUsed: number;
  /** Memory of ArrayBuffers and Buffers outside the V8 heap, MiB. */
  external: number;
  /** Garbage collections so far (every kind). */
  gcs: number;
}

/** Where a server's memory figures come from: the application's /metrics, a reference's /memory. */
export type HeapSource = { kind: 'metrics'; baseUrl: string } | { kind: 'memory'; url: string };

/** The server's heap figures now. */
export async function heapOf(source: HeapSource): Promise<Omit<HeapSample, 'atMs'>> {
  if (source.kind === 'memory') {
    const m = (await (await fetch(source.url)).json()) as { heapUsed: number; external: number; gcs: number };
    return { heapUsed: m.heapUsed / 2 ** 20, external: m.external / 2 ** 20, gcs: m.gcs };
  }
  // prom-client's default metrics: process.memoryUsage() and the GC histogram's counts.
  const text = await (await fetch(`${source.baseUrl}/metrics`)).text();
  const get = (name: string) => Number(new RegExp(`^ecabinet_${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
  const gcs = [...text.matchAll(/^ecabinet_nodejs_gc_duration_seconds_count\{[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
  return { heapUsed: get('nodejs_heap_size_used_bytes'), external: get('nodejs_external_memory_bytes'), gcs };
}

/** Samples heapOf every `everyMs` while `run` runs (each sample is one small request to the server). */
export async function sampleHeap<T>(source: HeapSource, everyMs: number, run: () => Promise<T>): Promise<{ result: T; before: HeapSample; heap: HeapSample[] }> {
  const t0 = performance.now();
  const take = async (): Promise<HeapSample> => ({
    atMs: performance.now() - t0,
    ...(await heapOf(source).catch(() => ({ heapUsed: NaN, external: NaN, gcs: NaN }))),
  });
  const before = await take();
  const heap: HeapSample[] = [];
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      heap.push(await take());
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  try {
    const result = await run();
    return { result, before, heap };
  } finally {
    stop = true;
    await loop;
    heap.push(await take());
  }
}
