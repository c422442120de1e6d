import { readFileSync } from 'node:fs';
import { generateDevPki } from '../../../src/pki/index.ts';
import { loadPkcs12Signer } from '../../../src/signing/signers/index.ts';
import { signPdf } from '../../../src/signing/sign-pdf.ts';
import { createSigningPool } from '../../../src/signing/pool/index.ts';
const pdf = new Uint8Array(readFileSync('/tmp/benchcache/bench-200p-v1.pdf'));
const { index, files } = await generateDevPki({ demo: { units: [{ code: 'HN', name: 'UBND' }], people: [{ username: 'a.b', fullName: 'Nguyen Van A', unitCode: 'HN' }] } });
const e = index.entries.find((x) => x.id === 'person:a.b')!;
const signer = await loadPkcs12Signer(files.get(e.p12) as Uint8Array, index.pin);
let t = performance.now();
const pool = await createSigningPool({ size: 2 });
console.log('pool ready', (performance.now() - t).toFixed(0));
const signingTime = new Date('2026-01-02T00:00:00Z');
const a = await signPdf(pdf, { signer, signingTime });
const b = await pool.signPdf(pdf, { signer, signingTime });
console.log('identical', Buffer.compare(a, b) === 0);
for (let i = 0; i < 10; i++) {
  t = performance.now(); await pool.signPdf(pdf, { signer }); const x = performance.now() - t;
  t = performance.now(); await signPdf(pdf, { signer }); const y = performance.now() - t;
  console.log('pool', x.toFixed(1), 'local', y.toFixed(1));
}
t = performance.now();
await Promise.all(Array.from({ length: 50 }, () => pool.signPdf(pdf, { signer })));
console.log('batch 50', (performance.now() - t).toFixed(0));
const err = await pool.signPdf(new Uint8Array([1, 2, 3]), { signer }).catch((e) => e);
console.log(err.name, err.code, err.message);
await pool.close(); await pool.close();
