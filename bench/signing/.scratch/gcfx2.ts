import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateDevPki } from '../../../src/pki/index.ts';
import { loadPkcs12Signer } from '../../../src/signing/signers/index.ts';
import { signPdf } from '../../../src/signing/sign-pdf.ts';
import { referenceSign } from '../reference.ts';
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (o?: unknown) => void;
const pdf = new Uint8Array(readFileSync('/work/main/node_modules/.cache/ecabinet-bench/signing/bench-200p-v1.pdf'));
const { index, files } = await generateDevPki({ demo: { units: [{ code: 'HN', name: 'UBND' }], people: [{ username: 'a.b', fullName: 'Nguyen Van A', unitCode: 'HN' }] } });
const e = index.entries.find((x) => x.id === 'person:a.b')!;
const p12 = files.get(e.p12) as Uint8Array;
const signer = await loadPkcs12Signer(p12, index.pin);
for (const mode of ['none', 'minor', 'sleep', 'none']) {
  const a: number[] = [], b: number[] = [];
  for (let i = 0; i < 16; i++) {
    for (const k of i % 2 ? [0, 1] : [1, 0]) {
      if (mode === 'minor') gc({ type: 'minor' });
      if (mode === 'sleep') await new Promise((r) => setTimeout(r, 50));
      const t = performance.now();
      if (k === 0) await signPdf(pdf, { signer }); else await referenceSign(pdf, p12, index.pin, new Date());
      (k === 0 ? a : b).push(performance.now() - t);
    }
  }
  a.sort((x, y) => x - y); b.sort((x, y) => x - y);
  console.log(mode, 'ours p50', a[8]!.toFixed(1), 'min', a[0]!.toFixed(1), 'ref p50', b[8]!.toFixed(1));
}
