// Figures, tables and the BENCHMARKS.md section of the document upload benchmark.
import { machineLine, type Machine } from '../lib/machine.ts';
import { median, ms, table } from '../lib/stats.ts';

export interface Measurement {
  contender: string;
  sizeMiB: number;
  /** Request start to response end, ms. */
  totalMs: number;
  /** When the client had sent the last byte, ms. */
  sentMs: number;
  /** GET /api/meetings/:id/manifest right after (ecabinet only). */
  manifestMs?: number;
  rssBefore: number;
  /** Peak RSS growth of the server process while the body was arriving, MiB. */
  rssGrowthReceiving: number;
  /** Peak RSS growth over the whole request (for ecabinet: the PDF check in a worker process), MiB. */
  rssGrowthRequest: number;
  /** Peak growth of memory outside the V8 heap (Buffers: the bytes received) while receiving and over the request, MiB. */
  externalGrowthReceiving: number;
  externalGrowthRequest: number;
  /** Peak V8 heap-in-use growth during the request, MiB. */
  heapGrowth: number;
  /** Garbage collections the server ran during the request. */
  gcs: number;
  samples: number;
}

export interface Scenario {
  label: string;
  measurements: Measurement[];
}

const mib = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(1));
const range = (all: number[], f: (v: number) => string) => {
  const values = all.filter(Number.isFinite);
  return values.length === 0 ? '—' : `${f(median(values))} (${f(Math.min(...values))}–${f(Math.max(...values))})`;
};

export function renderReport(o: {
  machine: Machine;
  runs: number;
  sizeMiB: number;
  pages: number;
  scenarios: Scenario[];
  downloadMs: number;
  problems: string[];
}): string {
  const sections = o.scenarios.map((s) => {
    const names = [...new Set(s.measurements.map((m) => m.contender))];
    const rows = names.map((name) => {
      const ms_ = s.measurements.filter((m) => m.contender === name);
      const pick = (f: (m: Measurement) => number | undefined) => ms_.map(f).filter((v): v is number => v !== undefined);
      const manifest = pick((m) => m.manifestMs);
      return [
        name,
        range(pick((m) => m.totalMs), (v) => ms(v, 0)),
        `${(median(pick((m) => m.sizeMiB)) / (median(pick((m) => m.totalMs)) / 1000)).toFixed(0)}`,
        range(pick((m) => m.externalGrowthReceiving), mib),
        range(pick((m) => m.externalGrowthRequest), mib),
        range(pick((m) => m.heapGrowth), mib),
        range(pick((m) => m.gcs), (v) => v.toFixed(0)),
        range(pick((m) => m.rssGrowthReceiving), mib),
        range(pick((m) => m.rssGrowthRequest), mib),
        mib(median(pick((m) => m.rssBefore))),
        manifest.length ? ms(median(manifest), 1) : '—',
      ];
    });
    return `### ${s.label}\n\n${table(
      [
        'contender',
        'upload ms: median (min–max)',
        'MiB/s',
        'external growth while receiving, MiB',
        'external growth, whole request, MiB',
        'heap growth, MiB',
        'GCs',
        'RSS growth while receiving, MiB',
        'RSS growth, whole request, MiB',
        'RSS before, MiB',
        'manifest ms',
      ],
      rows,
    )}`;
  });
  return [
    `Machine: ${machineLine(o.machine)}.`,
    '',
    `A ${o.sizeMiB.toFixed(1)} MiB, ${o.pages}-page PDF (bench/signing/make-pdf.ts) uploaded ${o.runs} times per contender and scenario (the long file at most twice), contenders interleaved, after one warm-up upload each. ` +
      'ecabinet is `ecabinet serve` in a child process (PGlite): multipart parsing, SHA-256 while streaming to a temporary file, the PDF check in a signing-pool worker process, ' +
      'the rename into the content-addressed store and the database rows; each upload differs by a trailing comment so none is deduplicated. ' +
      'The references are bare Node HTTP servers in child processes taking the same multipart body: one pipes it to a file, one holds it whole in memory first. ' +
      'Memory is sampled during each request: V8 heap in use, external memory (Buffers: where received bytes live) and the GC count every 20 ms from the server itself (the application’s /metrics, the references’ /memory), ' +
      'and the process’s VmRSS from /proc every 5 ms; growth = peak − value before the request. RSS understates repeated runs (the allocator reuses pages freed earlier in the same process), so external memory is the figure to compare. ' +
      '"While receiving" ends when the client has sent the last byte; "whole request" includes the PDF check and storing. ' +
      'Chunks that have been written are garbage, not held: V8 frees their memory at its next collection, which the external memory it has to free triggers at about 64 MiB — ' +
      'so a 10 MB upload\'s growth is garbage waiting (GCs: 0), and the long upload shows the bound: a streaming server stays under it whatever the size, a buffering one holds the whole file.',
    '',
    ...sections.flatMap((s) => [s, '']),
    `Download of the last upload through its manifest URL: ${ms(o.downloadMs, 0)} ms, SHA-256 equal to the manifest's.`,
    o.problems.length ? `\nServer warnings/errors during the run: ${o.problems.slice(0, 5).join('; ')}` : '',
  ].join('\n');
}
