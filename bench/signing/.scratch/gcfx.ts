import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateDevPki } from '../../../src/pki/index.ts';
import { loadPkcs12Signer } from '../../../src/signing/signers/index.ts';
import { signPdf } from '../../../src/signing/sign-pdf.ts';
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const pdf = new Uint8Array(readFileSync('/work/main/node_modules/.cache/ecabinet-bench/signing/bench-200p-v1.pdf'));
const { index, files } = await generateDevPki({ demo: { units: [{ code: 'HN', name: 'UBND' }], people: [{ username: 'a.b', fullName: 'Nguyen Van A', unitCode: 'HN' }] } });
const e = index.entries.find((x) => x.id === 'person:a.b')!;
const signer = await loadPkcs12Signer(files.get(e.p12) as Uint8Array, index.pin);
for (const useGc of [false, true, false, true]) {
  const ts: number[] = [];
  for (let i = 0; i < 25; i++) {
    if (useGc) gc();
    const t = performance.now();
    await signPdf(pdf, { signer });
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  console.log('gc', useGc, 'p50', ts[12]!.toFixed(1), 'min', ts[0]!.toFixed(1));
}
