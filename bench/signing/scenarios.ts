// The three measurements of the signing benchmark. Each takes ready-made inputs (document,
// signer, pool) so run.ts only wires them and prints; none of them is a pass/fail test.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { SigningPool } from '../../src/signing/pool/index.ts';
import { signPdf } from '../../src/signing/sign-pdf.ts';
import type { Signer } from '../../src/signing/signer.ts';
import { checkSignatures, type SignatureCheck } from './check-signatures.ts';
import { measureLoopLag, type LoopLag } from './loop-lag.ts';
import { referenceSign } from './reference.ts';

// A full collection before each timed run, so garbage left by one contender (the reference
// turns 10 MB into JavaScript strings) is not collected on the other's clock.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export interface Contenders {
  pdf: Uint8Array;
  signer: Signer;
  pool: SigningPool;
  p12: Uint8Array;
  pin: string;
}

export type ContenderName = 'ours' | 'ours, pool' | 'reference';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  collectGarbage();
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** B-B signatures of the same file, contenders interleaved in a rotating order. */
export async function compareBB(c: Contenders, runs: number, warmup = 3): Promise<Record<ContenderName, number[]>> {
  const signingTime = new Date();
  const contenders: [ContenderName, () => Promise<unknown>][] = [
    ['ours', () => signPdf(c.pdf, { signer: c.signer, signingTime })],
    ['ours, pool', () => c.pool.signPdf(c.pdf, { signer: c.signer, signingTime })],
    ['reference', () => referenceSign(c.pdf, c.p12, c.pin, signingTime)],
  ];
  for (let i = 0; i < warmup; i++) for (const [, fn] of contenders) await fn();
  const times: Record<ContenderName, number[]> = { ours: [], 'ours, pool': [], reference: [] };
  for (let i = 0; i < runs; i++) {
    // Rotate who goes first, so drift in machine load is shared out evenly.
    for (let k = 0; k < contenders.length; k++) {
      const [name, fn] = contenders[(i + k) % contenders.length] as [ContenderName, () => Promise<unknown>];
      times[name].push(await timed(fn));
    }
  }
  return times;
}

/** One signature of each contender on the benchmark file, checked. */
export async function checkOutputs(c: Contenders): Promise<{ ours: SignatureCheck; pool: SignatureCheck; reference: SignatureCheck }> {
  return {
    ours: await checkSignatures(await signPdf(c.pdf, { signer: c.signer })),
    pool: await checkSignatures(await c.pool.signPdf(c.pdf, { signer: c.signer })),
    // The reference's CMS has no signing-certificate-v2 attribute, so only pdfsig's view counts for it.
    reference: await checkSignatures(await referenceSign(c.pdf, c.p12, c.pin, new Date())).catch(() => ({ count: 1, validByCms: 0 })),
  };
}

export interface ChainResult {
  times: number[];
  sizes: number[];
  check: SignatureCheck;
}

/** `count` signatures one after the other on the same document, each an incremental update. */
export async function signatureChain(c: Contenders, count: number): Promise<ChainResult> {
  let doc = c.pdf;
  const times: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const input = doc;
    times.push(await timed(async () => (doc = await signPdf(input, { signer: c.signer }))));
    sizes.push(doc.length);
  }
  return { times, sizes, check: await checkSignatures(doc) };
}

export interface BatchResult {
  lag: LoopLag;
  valid: number;
}

/** `count` signatures started at once, with the event loop watched throughout. */
export async function batch(sign: (pdf: Uint8Array) => Promise<Uint8Array>, pdf: Uint8Array, count: number): Promise<BatchResult> {
  collectGarbage();
  const { lag, result } = await measureLoopLag(() => Promise.all(Array.from({ length: count }, () => sign(pdf))));
  let valid = 0;
  for (const out of result) if ((await checkSignatures(out, { pdfsig: false })).validByCms === 1) valid++;
  return { lag, valid };
}

/**
 * `count` signatures of the file at `input` at once, each to its own new file, as the server
 * signs (the pool's signFile: the document's bytes stay in the worker); the outputs are read
 * and checked after the measurement.
 */
export async function batchToFiles(sign: (input: string, output: string) => Promise<unknown>, input: string, count: number): Promise<BatchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'ecabinet-bench-batch-'));
  try {
    const outputs = Array.from({ length: count }, (_, i) => join(dir, `signed-${i}.pdf`));
    collectGarbage();
    const { lag } = await measureLoopLag(() => Promise.all(outputs.map((output) => sign(input, output))));
    let valid = 0;
    for (const output of outputs) if ((await checkSignatures(new Uint8Array(await readFile(output)), { pdfsig: false })).validByCms === 1) valid++;
    return { lag, valid };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The loop's noise floor: the same monitors around an idle wait. */
export async function idleLag(durationMs: number): Promise<LoopLag> {
  collectGarbage();
  return (await measureLoopLag(() => new Promise((r) => setTimeout(r, durationMs)))).lag;
}
