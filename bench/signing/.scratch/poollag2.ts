import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { generateDevPki } from '../../../src/pki/index.ts';
import { loadPkcs12Signer } from '../../../src/signing/signers/index.ts';
import { createSigningPool } from '../../../src/signing/pool/index.ts';
import { measureLoopLag } from '../loop-lag.ts';
const pdf = new Uint8Array(readFileSync('/work/main/node_modules/.cache/ecabinet-bench/signing/bench-200p-v1.pdf'));
const { index, files } = await generateDevPki({ demo: { units: [{ code: 'HN', name: 'UBND' }], people: [{ username: 'a.b', fullName: 'Nguyen Van A', unitCode: 'HN' }] } });
const e = index.entries.find((x) => x.id === 'person:a.b')!;
const signer = await loadPkcs12Signer(files.get(e.p12) as Uint8Array, index.pin);
const pool = await createSigningPool({ size: 1 });
for (let i = 0; i < 5; i++) await pool.signPdf(pdf, { signer });
let gcms = 0, n = 0, maxgc = 0;
const obs = new PerformanceObserver((list) => { for (const en of list.getEntries()) { gcms += en.duration; n++; maxgc = Math.max(maxgc, en.duration); } });
obs.observe({ entryTypes: ['gc'] });
console.log('heap used MB', (getHeapStatistics().used_heap_size / 1e6).toFixed(1));
for (const keep of [true, false, true, false]) {
  gcms = 0; n = 0; maxgc = 0;
  const { lag } = await measureLoopLag(() => Promise.all(Array.from({ length: 30 }, () => pool.signPdf(pdf, { signer }).then((b) => (keep ? b : b.length)))));
  console.log('keep', keep, 'max', lag.histogramMax.toFixed(1), 'elapsed', lag.elapsed.toFixed(0), 'gc', gcms.toFixed(0), n, 'maxgc', maxgc.toFixed(1));
}
await pool.close();
