// Document upload benchmark (not a test): node bench/document-upload/run.ts [--runs 5]
// [--rate 10] [--long 120] [--dry-run]. The goal it measures (issue 10.11): upload + manifest of
// a 10 MB, 200-page PDF through the HTTP API of a real server (`ecabinet serve` in a child
// process), with the server's memory flat while the bytes arrive — streamed, not buffered.
// Beside it, in the same run, the same bytes POSTed to a bare Node server that streams them to a
// file (the floor) and to one that buffers them (what flat is not). Each contender is measured
// at full loopback speed, at `--rate` MB/s (a tablet on the LAN), and with a `--long` MiB file:
// a 10 MB upload leaves its chunks as garbage V8 has no reason to collect yet, so only an upload
// longer than V8's external-memory trigger (~64 MiB) shows whether memory is held or bounded.
// Prints the tables and, unless --dry-run, rewrites the "Document upload (bench/document-upload)"
// section of BENCHMARKS.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Manifest } from '../../src/contract/agenda.ts';
import { describeMachine } from '../lib/machine.ts';
import { writeSection } from '../lib/report.ts';
import { PASSWORD, prepareDatabase, startServerProcess } from '../join-storm/server.ts';
import { benchPdf, PAGES } from '../signing/make-pdf.ts';
import { renderReport, type Measurement, type Scenario } from './render.ts';
import { multipartBody, sampleHeap, sampleRss, send, type HeapSource } from './send.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SECTION = 'Document upload (bench/document-upload)';
// The signing benchmark's document, shared through its cache (under node_modules/, never in git).
const CACHE_DIR = join(ROOT, 'node_modules/.cache/ecabinet-bench/signing');

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    rate: { type: 'string', default: '10' },
    long: { type: 'string', default: '120' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);
const rateMBps = Number(args.rate);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be an integer ≥ 1');
if (!(rateMBps > 0)) throw new Error('--rate must be a positive number of MB/s');
const longMiB = Number(args.long);
if (!(longMiB >= 20 && longMiB <= 1000)) throw new Error('--long must be a size from 20 to 1000 MiB');
const tStart = performance.now();
const log = (s: string) => process.stderr.write(`[${((performance.now() - tStart) / 1000).toFixed(1)} s] ${s}\n`);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const machine = describeMachine();
const doc = await benchPdf(CACHE_DIR);
log(`document: ${doc.path} (${(doc.bytes.length / 2 ** 20).toFixed(1)} MiB, ${PAGES} pages${doc.generated ? ', generated now' : ', cached'})`);

const cleanups: (() => Promise<void>)[] = [];
const cleanUp = async () => {
  for (const c of cleanups.splice(0)) await c().catch((err: unknown) => log(`cleanup: ${String(err)}`));
};
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

try {
  const db = await prepareDatabase(0, undefined, log);
  cleanups.push(() => db.drop());
  // A limit above the long upload's size; the default (50) stays for everything else.
  const server = await startServerProcess(db, { log, env: { DOCUMENT_MAX_MB: String(Math.ceil(longMiB + 10)) } });
  cleanups.unshift(() => server.stop());
  log(`server ${server.url}, pid ${server.pid}`);

  // The city clerk's meeting for district d01 and its communes, with one agenda item.
  const cookie = await login(server.url, 'city.clerk');
  const meetingId = await json<{ id: string }>(server.url, cookie, 'POST', '/api/meetings', {
    title: 'Benchmark: upload of meeting documents',
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    invitedUnitIds: [],
    chairId: db.chairId,
  }).then((m) => m.id);
  const itemId = await json<{ id: string }>(server.url, cookie, 'POST', `/api/meetings/${meetingId}/agenda`, { title: 'Báo cáo' }).then((i) => i.id);

  const refDir = await mkdtemp(join(tmpdir(), 'ecabinet-upload-ref-'));
  cleanups.push(() => rm(refDir, { recursive: true, force: true }));
  const streamRef = await startReference('stream', refDir);
  const bufferRef = await startReference('buffer', refDir);
  cleanups.unshift(async () => streamRef.stop(), async () => bufferRef.stop());

  type Contender = { name: string; pid: number; url: string; cookie?: string; fields: Record<string, string>; manifest: boolean; heap: HeapSource };
  const contenders: Contender[] = [
    {
      name: 'ecabinet: POST /api/meetings/:id/documents',
      pid: server.pid,
      url: `${server.url}/api/meetings/${meetingId}/documents`,
      cookie,
      fields: { agendaItemId: itemId },
      manifest: true,
      heap: { kind: 'metrics', baseUrl: server.url },
    },
    { name: 'reference: bare Node, body streamed to a file', pid: streamRef.pid, url: streamRef.url, fields: {}, manifest: false, heap: { kind: 'memory', url: `${streamRef.url}memory` } },
    { name: 'reference: bare Node, body buffered, then written', pid: bufferRef.pid, url: bufferRef.url, fields: {}, manifest: false, heap: { kind: 'memory', url: `${bufferRef.url}memory` } },
  ];

  // Every upload is different bytes (a comment after %%EOF), so none is answered from an existing
  // blob; `padMiB` lengthens that comment (the file stays a valid PDF of the same pages).
  let serial = 0;
  const uniqueDoc = (padMiB: number) =>
    new Uint8Array(Buffer.concat([Buffer.from(doc.bytes), Buffer.from(`%bench ${++serial} ${'x'.repeat(Math.round(padMiB * 2 ** 20))}\n`)]));

  const once = async (c: Contender, bytesPerSecond: number, padMiB = 0): Promise<Measurement> => {
    const bytes = uniqueDoc(padMiB);
    const body = multipartBody(bytes, 'Báo cáo 200 trang.pdf', c.fields);
    const { result: sampled, before: heapBefore, heap } = await sampleHeap(c.heap, 20, () =>
      sampleRss(c.pid, 5, () => send(c.url, body, { cookie: c.cookie, bytesPerSecond })),
    );
    const { result: res, samples, before } = sampled;
    if (res.status !== 201) throw new Error(`${c.name}: ${res.status} ${JSON.stringify(res.body)}`);
    let manifestMs: number | undefined;
    if (c.manifest) {
      const stored = res.body as { id: string; sha256: string; pages: number };
      if (stored.sha256 !== sha256(bytes) || stored.pages !== PAGES) throw new Error(`stored ${JSON.stringify(stored)}`);
      const t = performance.now();
      const manifest = await json<Manifest>(server.url, cookie, 'GET', `/api/meetings/${meetingId}/manifest`);
      manifestMs = performance.now() - t;
      if (!manifest.documents.some((d) => d.id === stored.id && d.sha256 === stored.sha256)) throw new Error('the upload is not in the manifest');
    }
    const maxWhile = (until: number) => Math.max(before, ...samples.filter((s) => s.atMs <= until).map((s) => s.rssMiB));
    const receiving = heap.filter((h) => h.atMs <= res.sentMs);
    // Growth can read below zero when a collection ran between "before" and the peak: that is no growth.
    const peak = (hs: typeof heap, f: (h: (typeof heap)[number]) => number) => {
      const xs = hs.map(f).filter(Number.isFinite);
      return xs.length > 0 ? Math.max(...xs) : NaN;
    };
    const growth = (v: number) => (Number.isFinite(v) ? Math.max(0, v) : NaN);
    return {
      contender: c.name,
      sizeMiB: bytes.length / 2 ** 20,
      totalMs: res.totalMs,
      sentMs: res.sentMs,
      manifestMs,
      rssBefore: before,
      rssGrowthReceiving: maxWhile(res.sentMs) - before,
      rssGrowthRequest: maxWhile(Infinity) - before,
      externalGrowthReceiving: growth(peak(receiving, (h) => h.external) - heapBefore.external),
      externalGrowthRequest: growth(peak(heap, (h) => h.external) - heapBefore.external),
      heapGrowth: growth(peak(heap, (h) => h.heapUsed) - heapBefore.heapUsed),
      gcs: peak(heap, (h) => h.gcs) - heapBefore.gcs,
      samples: samples.length,
    };
  };

  log('warm-up: one upload to each (starts the server’s signing worker, JIT)…');
  for (const c of contenders) await once(c, Infinity);

  const scenarios: Scenario[] = [];
  for (const [label, rate, padMiB, times] of [
    ['the 10 MB document, loopback at full speed', Infinity, 0, runs],
    [`the 10 MB document at ${rateMBps} MB/s (a tablet on the LAN)`, rateMBps * 1e6, 0, runs],
    [`a ${longMiB} MiB file (the document and a long comment), loopback at full speed`, Infinity, longMiB - doc.bytes.length / 2 ** 20, Math.min(runs, 2)],
  ] as const) {
    const scenario: Scenario = { label, measurements: [] };
    for (let r = 0; r < times; r++) {
      // Interleaved, so drift on the machine touches every contender alike.
      for (const c of contenders) {
        const m = await once(c, rate, padMiB);
        scenario.measurements.push(m);
        log(`${label} #${r + 1} ${c.name}: ${m.totalMs.toFixed(0)} ms, RSS +${m.rssGrowthReceiving.toFixed(1)} MiB while receiving, +${m.rssGrowthRequest.toFixed(1)} MiB whole request`);
      }
    }
    scenarios.push(scenario);
  }

  // The manifest's URL serves exactly the stored bytes.
  const manifest = await json<Manifest>(server.url, cookie, 'GET', `/api/meetings/${meetingId}/manifest`);
  const last = manifest.documents.at(-1);
  if (!last) throw new Error('empty manifest');
  const t = performance.now();
  const downloaded = new Uint8Array(await (await fetch(`${server.url}${last.url}`, { headers: { cookie } })).arrayBuffer());
  const downloadMs = performance.now() - t;
  if (sha256(downloaded) !== last.sha256) throw new Error('downloaded bytes differ from the manifest’s SHA-256');

  const report = renderReport({ machine, runs, sizeMiB: doc.bytes.length / 2 ** 20, pages: PAGES, scenarios, downloadMs, problems: server.problems.map((p) => p.msg) });
  process.stdout.write(`${report}\n`);
  if (!args['dry-run']) {
    await writeSection(join(ROOT, 'BENCHMARKS.md'), SECTION, report);
    log('BENCHMARKS.md updated.');
  }
} finally {
  await cleanUp();
}

async function login(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c?.startsWith('ecabinet_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

async function json<T>(baseUrl: string, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function startReference(mode: 'stream' | 'buffer', dir: string): Promise<{ url: string; pid: number; stop(): void }> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bench/document-upload/reference-server.ts'), mode, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    if (!child.stdout) return reject(new Error('no stdout'));
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`reference server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}/`, pid: child.pid ?? -1, stop: () => void child.kill('SIGTERM') };
}
