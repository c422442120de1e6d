// Signing benchmark (not a test): node bench/signing/run.ts [--runs 30] [--chain 20] [--batch 50]
// [--pool-size N] [--dry-run]. Prints the tables and, unless --dry-run, rewrites the
// "Signing (bench/signing)" section of BENCHMARKS.md. See bench/README.md.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDevPki } from '../../src/pki/index.ts';
import { createSigningPool } from '../../src/signing/pool/index.ts';
import { signPdf } from '../../src/signing/sign-pdf.ts';
import { loadPkcs12Signer } from '../../src/signing/signers/index.ts';
import { describeMachine } from '../lib/machine.ts';
import { benchPdf, PAGES } from './make-pdf.ts';
import { renderReport, type Results } from './render.ts';
import { writeSection } from '../lib/report.ts';
import { batch, batchToFiles, checkOutputs, compareBB, idleLag, signatureChain, type Contenders } from './scenarios.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
// Under node_modules/ so git never sees the 10 MB file; regenerated when absent.
const CACHE_DIR = join(ROOT, 'node_modules/.cache/ecabinet-bench/signing');

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    chain: { type: 'string', default: '20' },
    batch: { type: 'string', default: '50' },
    'pool-size': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const count = (name: string, v: string | undefined, min: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return n;
};
const runs = count('runs', args.runs, 20);
const chainLength = count('chain', args.chain, 1);
const batchSize = count('batch', args.batch, 1);
const log = (s: string) => process.stderr.write(`${s}\n`);

const machine = describeMachine();
const doc = await benchPdf(CACHE_DIR);
log(`document: ${doc.path} (${(doc.bytes.length / 2 ** 20).toFixed(1)} MiB, ${PAGES} pages${doc.generated ? ', generated now' : ', cached'})`);

// A development PKI in a temporary directory, as `ecabinet pki init` would write it.
const pkiDir = await mkdtemp(join(tmpdir(), 'ecabinet-bench-pki-'));
const pool = await createSigningPool(args['pool-size'] ? { size: count('pool-size', args['pool-size'], 1) } : {});
try {
  const index = await createDevPki({
    dir: pkiDir,
    demo: { units: [{ code: 'HN', name: 'UBND Thành phố Hà Nội' }], people: [{ username: 'bench.signer', fullName: 'Nguyễn Văn Thử', unitCode: 'HN' }] },
  });
  const entry = index.entries.find((e) => e.id === 'person:bench.signer');
  if (entry?.keyType !== 'rsa-2048') throw new Error(`expected an RSA-2048 personal key, got ${entry?.keyType}`);
  const p12 = new Uint8Array(await readFile(join(pkiDir, entry.p12)));
  const signer = await loadPkcs12Signer(p12, entry.pin);
  const c: Contenders = { pdf: doc.bytes, signer, pool, p12, pin: entry.pin };

  log(`checking one signature of each contender…`);
  const checks = await checkOutputs(c);
  log(`B-B: ${runs} interleaved runs of ours, ours in the pool (${pool.size} worker(s)) and @signpdf…`);
  const bb = await compareBB(c, runs);
  log(`${chainLength} successive signatures on one document…`);
  const chain = await signatureChain(c, chainLength);
  log(`event loop: idle, then batches of ${batchSize}…`);
  const idle = await idleLag(1000);
  const inProcess = await batch((pdf) => signPdf(pdf, { signer }), doc.bytes, batchSize);
  const pooled = await batchToFiles((input, output) => pool.signFile(input, output, { signer }), doc.path, batchSize);

  const results: Results = {
    machine, runs, poolSize: pool.size, documentBytes: doc.bytes.length, pages: PAGES,
    checks, bb, chain, batchSize, idle, inProcess, pooled,
  };
  const { terminal, markdown } = renderReport(results);
  process.stdout.write(`${terminal}\n`);
  if (!args['dry-run']) {
    await writeSection(join(ROOT, 'BENCHMARKS.md'), 'Signing (bench/signing)', markdown);
    log('BENCHMARKS.md updated.');
  }
} finally {
  await pool.close();
  await rm(pkiDir, { recursive: true, force: true });
}
