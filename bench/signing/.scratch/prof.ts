import { readFileSync } from 'node:fs';
import { generateDevPki } from '../../../src/pki/index.ts';
import { loadPkcs12Signer } from '../../../src/signing/signers/index.ts';
import { signPdf } from '../../../src/signing/sign-pdf.ts';
import { openPdf, prepareSignature } from '../../../src/signing/pdf/index.ts';
const pdf = new Uint8Array(readFileSync('/tmp/benchcache/bench-200p-v1.pdf'));
const { index, files } = await generateDevPki({ demo: { units: [{ code: 'HN', name: 'UBND' }], people: [{ username: 'a.b', fullName: 'Nguyen Van A', unitCode: 'HN' }] } });
const e = index.entries.find((x) => x.id === 'person:a.b')!;
const signer = await loadPkcs12Signer(files.get(e.p12) as Uint8Array, index.pin);
const N = Number(process.argv[2] ?? 30);
const ts: number[] = [];
for (let i = 0; i < N; i++) {
  const t = performance.now();
  await signPdf(pdf, { signer });
  ts.push(performance.now() - t);
}
ts.sort((a, b) => a - b);
console.log('signPdf p50', ts[N >> 1]!.toFixed(1), 'min', ts[0]!.toFixed(1));
// phases
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  const p = await openPdf(pdf);
  const a = performance.now() - t; t = performance.now();
  await prepareSignature(p, { subFilter: 'ETSI.CAdES.detached', contentsSize: 8192 });
  console.log('open', a.toFixed(1), 'prepare', (performance.now() - t).toFixed(1));
}
