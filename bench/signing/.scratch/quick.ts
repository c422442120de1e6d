import { readFileSync } from 'node:fs';
import { generateDevPki } from '/work/main/src/pki/index.ts';
import { loadPkcs12Signer } from '/work/main/src/signing/signers/index.ts';
import { signPdf } from '/work/main/src/signing/sign-pdf.ts';
import { SignPdf } from '@signpdf/signpdf';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
const pdf = new Uint8Array(readFileSync('/tmp/benchcache/bench-200p-v1.pdf'));
const { index, files } = await generateDevPki({ demo: { units: [{ code: 'HN', name: 'UBND' }], people: [{ username: 'a.b', fullName: 'Nguyen Van A', unitCode: 'HN' }] } });
const e = index.entries.find((x) => x.id === 'person:a.b')!;
console.log(e.keyType);
const p12 = files.get(e.p12) as Uint8Array;
const signer = await loadPkcs12Signer(p12, index.pin);
for (let i = 0; i < 8; i++) {
  let t = performance.now();
  const out = await signPdf(pdf, { signer });
  const ours = performance.now() - t;
  t = performance.now();
  const withPh = plainAddPlaceholder({ pdfBuffer: Buffer.from(pdf), reason: 'bench', contactInfo: 'x', name: 'y', location: 'z', signatureLength: 8192 });
  const t1 = performance.now() - t;
  const theirs = await new SignPdf().sign(withPh, new P12Signer(Buffer.from(p12), { passphrase: index.pin }));
  console.log(ours.toFixed(1), t1.toFixed(1), (performance.now() - t).toFixed(1), out.length, theirs.length);
}
