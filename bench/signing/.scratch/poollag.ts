import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { generateDevPki } from '../../../src/pki/index.ts';
import { loadPkcs12Signer } from '../../../src/signing/signers/index.ts';
import { createSigningPool } from '../../../src/signing/pool/index.ts';
import { measureLoopLag } from '../loop-lag.ts';
const pdf = new Uint8Array(readFileSync('/work/main/node_modules/.cache/ecabinet-bench/signing/bench-200p-v1.pdf'));
const { index, files } = await generateDevPki({ demo: { units: [{ code: 'HN', name: 'UBND' }], people: [{ username: 'a.b', fullName: 'Nguyen Van A', unitCode: 'HN' }] } });
const e = index.entries.find((x) => x.id === 'person:a.b')!;
const signer = await loadPkcs12Signer(files.get(e.p12) as Uint8Array, index.pin);
const pool = await createSigningPool({ size: Number(process.argv[2] ?? 1) });
for (let i = 0; i < 5; i++) await pool.signPdf(pdf, { signer });
const gcs: string[] = [];
const obs = new PerformanceObserver((list) => { for (const en of list.getEntries()) if (en.duration > 2) gcs.push(`${(en as any).detail?.kind}:${en.duration.toFixed(1)}`); });
obs.observe({ entryTypes: ['gc'] });
for (let k = 0; k < 2; k++) {
  const { lag } = await measureLoopLag(() => Promise.all(Array.from({ length: 50 }, () => pool.signPdf(pdf, { signer }))));
  console.log(lag, gcs.splice(0).join(' '));
}
await pool.close();
