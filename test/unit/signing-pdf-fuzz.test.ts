// The fixed-seed slice of the PDF fuzz campaign (test/helpers/pdf-fuzz.ts; the 10,000-case run
// is bench/pdf-fuzz/run.ts). fast-check shrinks a failing case to its smallest mutation list,
// so a failure names the input that breaks the reader. PDF_FUZZ_CASES / PDF_FUZZ_SEED run a
// deeper or different campaign locally.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apply, fuzzBases, fuzzCase, runCase, type CaseDeps, type CaseOutcome } from '../helpers/pdf-fuzz.ts';
import { FIXED_NOW, pkiFile, signerOf } from '../helpers/signing-pki.ts';

const CASES = Number(process.env.PDF_FUZZ_CASES ?? 500);
const SEED = Number(process.env.PDF_FUZZ_SEED ?? 0x5eed);
/** Per case: open, verify, sign and verify again; generous for a loaded 2-core machine. */
const PER_CASE_MS = 4000;

let bases: Uint8Array[];
let deps: CaseDeps;

describe('PDF fuzz (fixed seed)', () => {
  beforeAll(async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // pdf-lib warns about huge numbers
    bases = await fuzzBases(await signerOf('person:city.leader'));
    deps = { signer: await signerOf('test:ecdsa-p256'), anchors: [await pkiFile('root-ca.cer')], now: FIXED_NOW };
  }, 60_000);
  afterAll(() => vi.restoreAllMocks());

  it(`${CASES} mutated inputs: no crash, no hang, and sign never writes what verify rejects`, { timeout: 300_000 }, async () => {
    const seen: CaseOutcome[] = [];
    await fc.assert(
      fc.asyncProperty(fuzzCase(bases.length), async (c) => {
        const outcome = await runCase(apply(bases, c), deps);
        seen.push(outcome);
        expect(outcome.crash, JSON.stringify(c)).toBeUndefined();
        expect(outcome.signRejected, JSON.stringify(c)).toBeUndefined();
        expect(outcome.ms, JSON.stringify(c)).toBeLessThan(PER_CASE_MS);
      }),
      { seed: SEED, numRuns: CASES, endOnFailure: false },
    );
    // The mutations must reach both sides of the reader, and the signer.
    const opened = seen.filter((o) => o.read === 'opened').length;
    const signed = seen.filter((o) => o.sign === 'signed').length;
    expect(opened).toBeGreaterThan(CASES / 10);
    expect(seen.length - opened).toBeGreaterThan(CASES / 10);
    expect(signed).toBeGreaterThan(CASES / 20);
    console.info(`fuzz seed ${SEED}: ${seen.length} cases, ${opened} opened, ${signed} signed, slowest ${Math.max(...seen.map((o) => o.ms)).toFixed(0)} ms`);
  });
});
