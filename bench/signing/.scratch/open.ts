import { readFileSync } from 'node:fs';
import { openPdf, prepareSignature } from '../../../src/signing/pdf/index.ts';
for (const f of process.argv.slice(2)) {
  const pdf = new Uint8Array(readFileSync(f));
  const ts: string[] = [];
  for (let i = 0; i < 8; i++) {
    let t = performance.now();
    const p = await openPdf(pdf);
    const a = performance.now() - t; t = performance.now();
    await prepareSignature(p, { subFilter: 'ETSI.CAdES.detached', contentsSize: 8192 });
    ts.push(`${a.toFixed(1)}+${(performance.now() - t).toFixed(1)}`);
  }
  console.log(f, ts.join(' '));
}
