import { readFileSync } from 'node:fs';
import { IncrementalPdf } from '../../../src/signing/pdf/incremental-pdf.ts';
import { prepareSignature } from '../../../src/signing/pdf/index.ts';
const pdf = new Uint8Array(readFileSync(process.argv[2] ?? '/tmp/benchcache/bench-200p-v1.pdf'));
const rows: number[][] = [];
for (let i = 0; i < 40; i++) {
  const t0 = performance.now();
  const p = await IncrementalPdf.open(pdf);
  const t1 = performance.now();
  const r = await prepareSignature(p, { subFilter: 'ETSI.CAdES.detached', contentsSize: 8192 });
  const t2 = performance.now();
  rows.push([t1 - t0, t2 - t1, t2 - t0]);
}
const med = (k: number) => rows.map((r) => r[k]!).sort((a, b) => a - b)[rows.length >> 1]!.toFixed(1);
const min = (k: number) => Math.min(...rows.map((r) => r[k]!)).toFixed(1);
console.log('open med/min', med(0), min(0), 'prepare', med(1), min(1), 'total', med(2), min(2));
