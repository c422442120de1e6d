// Fuzzing the reader: thousands of deterministic mutations (truncations, byte flips, spliced
// keywords, deleted and duplicated ranges, damaged xref data) of a few base files. Every case
// must either open or throw SigningError — never another exception, never a hang.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SigningError } from '../../src/signing/errors.ts';
import { embedSignature, openPdf, prepareSignature, readDss, readSignatures } from '../../src/signing/pdf/index.ts';
import { appendClassicUpdate, basePdf, dummyCms, fromLatin1, hybridPdf, lastTrailer } from '../helpers/pdf-fixtures.ts';

// PDF_FUZZ_CASES / PDF_FUZZ_SEED run a deeper or different campaign locally.
const CASES = Number(process.env.PDF_FUZZ_CASES ?? 2000);
const SEED = Number(process.env.PDF_FUZZ_SEED ?? 0x5eed);
const PER_CASE_MS = 2000;
const TOKENS = ['xref', 'trailer', 'startxref', '%%EOF', 'obj', 'endobj', 'stream', 'endstream', '<<', '>>', '[', ']',
  '/Prev 0', '/Prev 99999', '/Size 0', '/Size 99999999', '/W [9 9 9]', '/Index [0 999999999]', '/Length 999999',
  '/Type /XRef', '/Type /ObjStm', '/Filter /FlateDecode', '/Root 1 0 R', '/Kids [1 0 R]', '/Encrypt 1 0 R', '0 0 R',
  '9999999999', '-1', '0000000000 65535 f', '(', ')', '<', '>', '\\', '\0', '\r\n', ' 1 0 obj ', '0 4294967295'];

/** mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(input: Uint8Array, rand: () => number): Uint8Array {
  const n = input.length;
  const int = (k: number) => Math.floor(rand() * k);
  // Half of the mutations aim at the last 600 bytes, where the xref and trailer live.
  const pos = () => (rand() < 0.5 ? Math.max(0, n - 1 - int(600)) : int(n));
  const splice = (at: number, want: number, insert: Uint8Array) => {
    const del = Math.min(want, n - at);
    const out = new Uint8Array(n - del + insert.length);
    out.set(input.subarray(0, at));
    out.set(insert, at);
    out.set(input.subarray(at + del), at + insert.length);
    return out;
  };
  switch (int(7)) {
    case 0:
      return input.subarray(0, pos());
    case 1: {
      const out = Uint8Array.from(input);
      for (let k = 1 + int(8); k > 0; k--) out[pos()] = int(256);
      return out;
    }
    case 2: {
      const out = Uint8Array.from(input);
      const at = pos();
      const digit = out[at];
      if (digit !== undefined && digit >= 0x30 && digit <= 0x39) out[at] = 0x30 + int(10);
      else out[at] = 0x30 + int(10);
      return out;
    }
    case 3:
      return splice(pos(), int(4), fromLatin1(TOKENS[int(TOKENS.length)] as string));
    case 4: {
      const at = pos();
      return splice(at, Math.min(n - at, 1 + int(200)), new Uint8Array(0));
    }
    case 5: {
      const from = int(n);
      return splice(pos(), 0, input.slice(from, from + 1 + int(400)));
    }
    default: {
      // Overwrite one number in the last trailer area with another.
      const out = Uint8Array.from(input);
      const at = pos();
      const text = String(int(100000));
      out.set(fromLatin1(text).subarray(0, n - at), at);
      return out;
    }
  }
}

async function signedTwice(bytes: Uint8Array): Promise<Uint8Array> {
  let b = bytes;
  for (let i = 0; i < 2; i++) {
    const p = await prepareSignature(await openPdf(b), { subFilter: 'ETSI.CAdES.detached', contentsSize: 300 });
    b = embedSignature(p, dummyCms(120));
  }
  return b;
}

describe('reader fuzz', () => {
  beforeAll(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // pdf-lib's scan warns on damaged objects
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterAll(() => vi.restoreAllMocks());

  it(`${CASES} mutations each open or throw SigningError, quickly`, { timeout: 300_000 }, async () => {
    const classic = await basePdf({ pages: 2, textFields: true });
    const stream = await basePdf({ pages: 2, objectStreams: true });
    const info = Number(lastTrailer(classic).info?.split(' ')[0]);
    const bases = [
      classic,
      stream,
      await signedTwice(classic),
      await signedTwice(stream),
      appendClassicUpdate(classic, [[info, '<< /Title (v2) >>']]),
      hybridPdf(),
    ];
    const rand = rng(SEED);
    const outcomes = { opened: 0, refused: 0 };
    let slowest = 0;
    for (let i = 0; i < CASES; i++) {
      const base = bases[i % bases.length] as Uint8Array;
      let input = mutate(base, rand);
      if (rand() < 0.3) input = mutate(input, rand); // stacked damage
      const started = performance.now();
      try {
        const pdf = await openPdf(input);
        outcomes.opened++;
        await readSignatures(input);
        await readDss(input);
        const prepared = await prepareSignature(pdf, { subFilter: 'ETSI.CAdES.detached', contentsSize: 64 });
        embedSignature(prepared, dummyCms(32));
      } catch (err) {
        if (!(err instanceof SigningError)) {
          throw new Error(`case ${i} (base ${i % bases.length}) threw ${String(err)}`, { cause: err });
        }
        outcomes.refused++;
      }
      const elapsed = performance.now() - started;
      slowest = Math.max(slowest, elapsed);
      expect(elapsed, `case ${i}`).toBeLessThan(PER_CASE_MS);
    }
    // Both outcomes must occur, or the mutations are not exercising anything.
    expect(outcomes.opened).toBeGreaterThan(CASES / 20);
    expect(outcomes.refused).toBeGreaterThan(CASES / 20);
    console.info(`fuzz seed ${SEED}: ${JSON.stringify(outcomes)}, slowest case ${slowest.toFixed(0)} ms`);
  });
});
