// Property-based fuzzing of the PDF reader, `verify` and `sign` (issue 9): fast-check draws a
// base file and up to three mutations (byte damage aimed half the time at the last 600 bytes,
// where the cross-reference data and trailer live; spliced PDF keywords; deep nesting; whole
// incremental updates that redefine or free objects). Each case must end in a report, a
// signature or a SigningError — never another exception — within its time bound, and every
// file `sign` writes must verify: its new signature valid, the file readable.
// Shared by the unit test's fixed-seed slice and bench/pdf-fuzz/run.ts.
import fc from 'fast-check';
import { SigningError } from '../../src/signing/errors.ts';
import { openPdf } from '../../src/signing/pdf/index.ts';
import { signPdf } from '../../src/signing/sign-pdf.ts';
import type { Signer } from '../../src/signing/signer.ts';
import { verifyPdf } from '../../src/signing/verify/index.ts';
import { appendUpdate } from './pdf-attacks.ts';
import { fromLatin1, lastTrailer } from './pdf-fixtures.ts';

const TOKENS = ['xref', 'trailer', 'startxref', '%%EOF', 'obj', 'endobj', 'stream', 'endstream', '<<', '>>', '[', ']',
  '/Prev 0', '/Prev 99999', '/Size 0', '/Size 99999999', '/W [9 9 9]', '/Index [0 999999999]', '/Length 999999',
  '/Type /XRef', '/Type /ObjStm', '/Type /Pages', '/Kids [1 0 R]', '/Parent 1 0 R', '/Filter /FlateDecode', '/Root 1 0 R',
  '/Encrypt 1 0 R', '0 0 R', '9999999999', '-1', '0000000000 65535 f', '(', ')', '<', '>', '\\', '\0', '\r\n', ' 1 0 obj ',
  '0 4294967295', '/FT /Sig', '/ByteRange [0 1 2 3]', '/Perms << /DocMDP 1 0 R >>', '#20'] as const;

/** An update's object body, by kind; `n` is the object number it redefines. */
const UPDATE_BODIES: readonly ((n: number, depth: number) => string)[] = [
  (n) => `<< /Type /Pages /Kids [${n} 0 R] /Count 1 >>`,
  (n) => `<< /Type /Page /Parent ${n} 0 R /MediaBox [0 0 10 10] >>`,
  (_n, d) => `${'['.repeat(d)}${']'.repeat(d)}`,
  () => '<< /Type /ObjStm /N 1 /First 4 /Length 8 >>\nstream\n1 0 << >>\nendstream',
  () => '<< /Length 999999 >>\nstream\nabc\nendstream',
  () => 'null',
  (n) => `<< /Type /Catalog /Pages ${n} 0 R /OpenAction << /S /JavaScript /JS (x) >> >>`,
  (n) => `<< /Type /Annot /Subtype /Widget /FT /Sig /T (F) /V ${n} 0 R /Rect [0 0 100 100] >>`,
];

export type Mutation =
  | { op: 'truncate'; at: Pos }
  | { op: 'flip'; at: Pos; value: number }
  | { op: 'digit'; at: Pos; digit: number }
  | { op: 'token'; at: Pos; del: number; token: string }
  | { op: 'delete'; at: Pos; len: number }
  | { op: 'duplicate'; from: Pos; len: number; at: Pos }
  | { op: 'number'; at: Pos; value: number }
  | { op: 'nest'; at: Pos; depth: number; open: '[' | '<<' }
  | { op: 'update'; body: number; target: number; depth: number; free: boolean };

/** A position: anywhere in the file, or in its last 600 bytes. */
export interface Pos {
  tail: boolean;
  x: number;
}

export interface FuzzCase {
  base: number;
  mutations: Mutation[];
}

const pos = fc.record({ tail: fc.boolean(), x: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) });

// Weighted towards damage a reader survives (a changed number, a spliced keyword, a whole
// update) over damage that only ever ends in a refusal (a truncation), so `sign` and the
// verification of its output see many cases too.
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: pos }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), at: pos, value: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('digit' as const), at: pos, digit: fc.integer({ min: 0, max: 9 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('token' as const), at: pos, del: fc.nat(4), token: fc.constantFrom(...TOKENS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: pos, len: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), from: pos, len: fc.integer({ min: 1, max: 400 }), at: pos }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('number' as const), at: pos, value: fc.nat(100_000) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nest' as const), at: pos, depth: fc.integer({ min: 1, max: 300_000 }), open: fc.constantFrom('[' as const, '<<' as const) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('update' as const), body: fc.nat(UPDATE_BODIES.length - 1), target: fc.nat(60), depth: fc.integer({ min: 1, max: 300_000 }), free: fc.boolean() }) },
);

/** The case arbitrary over `bases` base files. */
export function fuzzCase(bases: number): fc.Arbitrary<FuzzCase> {
  return fc.record({ base: fc.nat(bases - 1), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) });
}

function at(p: Pos, n: number): number {
  if (n === 0) return 0;
  return p.tail ? Math.max(0, n - 1 - Math.floor(p.x * Math.min(600, n))) : Math.floor(p.x * n);
}

function splice(input: Uint8Array, where: number, remove: number, insert: Uint8Array): Uint8Array {
  const del = Math.min(remove, input.length - where);
  const out = new Uint8Array(input.length - del + insert.length);
  out.set(input.subarray(0, where));
  out.set(insert, where);
  out.set(input.subarray(where + del), where + insert.length);
  return out;
}

export function mutate(input: Uint8Array, m: Mutation): Uint8Array {
  const n = input.length;
  switch (m.op) {
    case 'truncate':
      return input.subarray(0, at(m.at, n));
    case 'flip': {
      const out = Uint8Array.from(input);
      if (n > 0) out[at(m.at, n)] = m.value;
      return out;
    }
    case 'digit': {
      const out = Uint8Array.from(input);
      if (n > 0) out[at(m.at, n)] = 0x30 + m.digit;
      return out;
    }
    case 'token':
      return splice(input, at(m.at, n), m.del, fromLatin1(m.token));
    case 'delete':
      return splice(input, at(m.at, n), m.len, new Uint8Array(0));
    case 'duplicate': {
      const from = at(m.from, n);
      return splice(input, at(m.at, n), 0, input.slice(from, from + m.len));
    }
    case 'number':
      return splice(input, at(m.at, n), String(m.value).length, fromLatin1(String(m.value)));
    case 'nest':
      return splice(input, at(m.at, n), 0, fromLatin1(m.open.repeat(m.depth)));
    case 'update': {
      let size: number;
      try {
        size = lastTrailer(input).size;
      } catch {
        return input;
      }
      const target = Number.isFinite(size) && size > 1 ? 1 + (m.target % (size - 1)) : 1;
      const body = (UPDATE_BODIES[m.body] as (n: number, d: number) => string)(target, m.depth);
      try {
        return m.free ? appendUpdate(input, { entries: [{ num: target, free: true, gen: 1 }] }) : appendUpdate(input, { objects: [{ num: target, body }] });
      } catch {
        return input; // no usable trailer to chain to: the case keeps the bytes as they are
      }
    }
  }
}

export function apply(bases: readonly Uint8Array[], c: FuzzCase): Uint8Array {
  let bytes = bases[c.base % bases.length] as Uint8Array;
  for (const m of c.mutations) bytes = mutate(bytes, m);
  return bytes;
}

export interface CaseDeps {
  signer: Signer;
  anchors: Uint8Array[];
  now: Date;
}

export interface CaseOutcome {
  /** 'opened' when the reader accepted the input. */
  read: 'opened' | string;
  /** verifyPdf's verdict on the input: 'ok', 'not ok', or the code it refused with. */
  verify: string;
  /** signPdf on the input: 'signed' or the code it refused with. */
  sign: string;
  /** Set when sign wrote a file verify rejects: why. */
  signRejected?: string;
  /** Set when anything threw something other than a SigningError. */
  crash?: string;
  ms: number;
}

const codeOf = (err: unknown): string => {
  if (err instanceof SigningError) return err.code;
  throw err;
};

/** Runs one input through open, verify, sign and verify-of-the-signed-output. */
export async function runCase(input: Uint8Array, deps: CaseDeps): Promise<CaseOutcome> {
  const started = performance.now();
  const out: CaseOutcome = { read: '', verify: '', sign: '', ms: 0 };
  try {
    out.read = await openPdf(input).then(() => 'opened', codeOf);
    out.verify = await verifyPdf(input, { trustAnchors: deps.anchors, now: deps.now }).then((r) => (r.ok ? 'ok' : 'not ok'), codeOf);
    let signed: Uint8Array | undefined;
    out.sign = await signPdf(input, { signer: deps.signer, signingTime: deps.now }).then((b) => {
      signed = b;
      return 'signed';
    }, codeOf);
    if (signed) {
      const report = await verifyPdf(signed, { trustAnchors: deps.anchors, now: deps.now }).catch((err: unknown) => `refused: ${codeOf(err)}`);
      if (typeof report === 'string') out.signRejected = report;
      else {
        const ours = report.signatures.find((s) => s.byteRange[2] + s.byteRange[3] === (signed as Uint8Array).length);
        if (!ours) out.signRejected = 'the new signature is not found';
        else if (ours.status !== 'valid') out.signRejected = `new signature ${ours.status}: ${[...ours.integrity.problems, ...ours.modifications, ...ours.chain.problems].join('; ')}`;
      }
    }
  } catch (err) {
    out.crash = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack?.split('\n').slice(1, 6).join('\n')}` : String(err);
  }
  out.ms = performance.now() - started;
  return out;
}

/**
 * The base files mutations start from: pdf-lib output with a classic table and with object
 * streams, both signed twice, a certified form, a hand-written hybrid-reference file, a file
 * with an update, and a cross-reference-stream file. `signer` should be deterministic (RSA
 * PKCS#1 v1.5) so a seed always gives the same inputs.
 */
export async function fuzzBases(signer: Signer): Promise<Uint8Array[]> {
  const { basePdf, hybridPdf, appendClassicUpdate } = await import('./pdf-fixtures.ts');
  const { xrefStreamPdf } = await import('./pdf-hostile.ts');
  const time = new Date('2026-03-01T03:00:00Z');
  const twice = async (b: Uint8Array) => signPdf(await signPdf(b, { signer, signingTime: time }), { signer, signingTime: time, visible: { kind: 'personal', page: 1, rect: { x: 330, y: 120, w: 200, h: 80 } } });
  const classic = await basePdf({ pages: 2, textFields: true });
  const streams = await basePdf({ pages: 2, objectStreams: true });
  const info = Number(lastTrailer(classic).info?.split(' ')[0]);
  return [
    classic,
    streams,
    await twice(classic),
    await twice(streams),
    await signPdf(classic, { signer, signingTime: time, certify: 2 }),
    hybridPdf(),
    appendClassicUpdate(classic, [[info, '<< /Title (v2) >>']]),
    xrefStreamPdf({
      plain: [[1, '<< /Type /Catalog /Pages 2 0 R >>'], [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>']],
      inStream: [[3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>']],
      stmNum: 10,
    }),
  ];
}
