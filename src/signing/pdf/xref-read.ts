// Reading the cross-reference chain ourselves (ISO 32000-1 §7.5.4 tables, §7.5.8 streams,
// §7.5.8.4 hybrid files, §7.5.6 /Prev). pdf-lib scans the file for objects instead, so it keeps
// whichever copy of an object comes LAST in the file — not the one the xref designates — and
// it does not tell us /Prev or /Size. An incremental writer needs exactly this information.
// Strict: `startxref` must point at a section (no search for one elsewhere), and the chain's
// length and object count are bounded (limits.ts).
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFContext } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { keywordAt, readUint, skipWhite, skipWhiteAndComments } from './bytes.ts';
import { LIMITS } from './limits.ts';
import { parseIndirectAt, parseObjectAt, scanIndirectAt } from './object-parse.ts';
import { DecodeBudget, decodeStream } from './stream-decode.ts';

export type XrefEntry =
  | { kind: 'free'; gen: number }
  /** `offset` is absolute in the file (the header shift already added). */
  | { kind: 'offset'; offset: number; gen: number }
  | { kind: 'compressed'; stream: number; index: number };

export interface XrefSection {
  /** Absolute offset of the `xref` keyword or of the cross-reference stream object. */
  offset: number;
  kind: 'table' | 'stream';
  /** The trailer dictionary, or the cross-reference stream's dictionary (§7.5.8.2). */
  dict: PDFDict;
  entries: Map<number, XrefEntry>;
  /** Object number of the cross-reference stream itself. */
  streamObject?: number;
}

export interface XrefGroup {
  section: XrefSection;
  /** A hybrid table's /XRefStm stream (§7.5.8.4), read with the table it belongs to. */
  hybrid?: XrefSection;
}

export interface XrefChain {
  /** Added to every offset the file states: non-zero when junk before `%PDF-` shifts them. */
  base: number;
  /** Offset of the newest section as the file states it: the /Prev of the next update. */
  prev: number;
  /** Newest first. */
  groups: XrefGroup[];
  /** The current entry of every object number: newest section wins. */
  entries: Map<number, XrefEntry>;
}

function malformed(message: string, cause?: unknown): SigningError {
  return new SigningError('pdf.malformed', `The PDF's cross-reference data is damaged: ${message}.`, { cause });
}

function tooManyObjects(count: number): SigningError {
  return new SigningError('pdf.too_complex', `The PDF declares ${count} objects; at most ${LIMITS.objects} are read.`);
}

/** An `xref` table or a cross-reference stream object (not merely some object) starts at `at`. */
function isSectionAt(bytes: Uint8Array, at: number): boolean {
  if (at < 0 || at >= bytes.length) return false;
  if (keywordAt(bytes, skipWhite(bytes, at), 'xref')) return true;
  try {
    const { scan } = scanIndirectAt(bytes, at);
    return scan.type === 'XRef' && scan.stream !== undefined;
  } catch {
    return false;
  }
}

function intIn(dict: PDFDict, key: string): number | undefined {
  const v = dict.get(PDFName.of(key));
  if (!(v instanceof PDFNumber)) return undefined;
  const n = v.asNumber();
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** §7.5.4: `xref`, subsections of `first count` followed by 20-byte entries, then `trailer`. */
function parseTable(bytes: Uint8Array, at: number, base: number, context: PDFContext): XrefSection {
  const offset = skipWhite(bytes, at);
  let i = offset + 4;
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    i = skipWhiteAndComments(bytes, i);
    if (keywordAt(bytes, i, 'trailer')) break;
    const first = readUint(bytes, i);
    if (!first) throw malformed(`unexpected data in the xref table at ${i}`);
    const count = readUint(bytes, skipWhite(bytes, first.end));
    if (!count) throw malformed(`bad subsection header at ${i}`);
    if (first.value + count.value > LIMITS.objects) throw tooManyObjects(first.value + count.value);
    i = count.end;
    if (count.value * 6 > bytes.length - i) throw malformed(`subsection at ${i} is longer than the file`);
    for (let k = 0; k < count.value; k++) {
      const off = readUint(bytes, skipWhite(bytes, i));
      const gen = off && readUint(bytes, skipWhite(bytes, off.end));
      const t = gen ? skipWhite(bytes, gen.end) : -1;
      if (!off || !gen || (bytes[t] !== 0x6e && bytes[t] !== 0x66)) throw malformed(`bad xref entry near ${i}`);
      i = t + 1;
      const num = first.value + k;
      if (entries.has(num)) continue;
      // An in-use entry at offset 0 cannot be an object; readers treat it as free.
      const inUse = bytes[t] === 0x6e && off.value > 0;
      entries.set(num, inUse ? { kind: 'offset', offset: off.value + base, gen: gen.value } : { kind: 'free', gen: gen.value });
    }
  }
  const dict = parseObjectAt(bytes, skipWhiteAndComments(bytes, i + 7), context);
  if (!(dict instanceof PDFDict)) throw malformed('the trailer is not a dictionary');
  return { offset, kind: 'table', dict, entries };
}

/** §7.5.8: a stream object of /Type /XRef with /W field widths and /Index subsections. */
function parseStream(bytes: Uint8Array, at: number, base: number, context: PDFContext, budget: DecodeBudget): XrefSection {
  const { header, object } = parseIndirectAt(bytes, at, context);
  if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Type')) !== PDFName.of('XRef')) {
    throw malformed(`offset ${at} is neither an xref table nor an xref stream`);
  }
  const dict = object.dict;
  const data = decodeStream(object, budget);
  const w = dict.get(PDFName.of('W'));
  const widths = w instanceof PDFArray && w.size() === 3 ? w.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : -1)) : [];
  if (widths.length !== 3 || widths.some((x) => !Number.isInteger(x) || x < 0 || x > 8)) throw malformed('bad /W in xref stream');
  const [w0, w1, w2] = widths as [number, number, number];
  const rowLen = w0 + w1 + w2;
  if (rowLen === 0) throw malformed('empty /W in xref stream');
  const size = intIn(dict, 'Size');
  if (size === undefined) throw malformed('xref stream without /Size');
  if (size > LIMITS.objects) throw tooManyObjects(size);
  const idx = dict.get(PDFName.of('Index'));
  const index: number[] = idx instanceof PDFArray ? idx.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : -1)) : [0, size];
  if (index.length % 2 !== 0 || index.some((x) => !Number.isSafeInteger(x) || x < 0)) throw malformed('bad /Index in xref stream');
  for (let s = 0; s < index.length; s += 2) if ((index[s] as number) + (index[s + 1] as number) > LIMITS.objects) throw tooManyObjects((index[s] as number) + (index[s + 1] as number));
  const field = (p: number, width: number) => {
    let v = 0;
    for (let k = 0; k < width; k++) v = v * 256 + (data[p + k] as number);
    return v;
  };
  const entries = new Map<number, XrefEntry>();
  let p = 0;
  for (let s = 0; s < index.length; s += 2) {
    const first = index[s] as number;
    const count = index[s + 1] as number;
    for (let k = 0; k < count && p + rowLen <= data.length; k++, p += rowLen) {
      const type = w0 === 0 ? 1 : field(p, w0); // §7.5.8.2: type defaults to 1 when w0 is 0
      const f2 = field(p + w0, w1);
      const f3 = field(p + w0 + w1, w2);
      const num = first + k;
      if (entries.has(num)) continue;
      if (type === 0) entries.set(num, { kind: 'free', gen: f3 });
      else if (type === 1) entries.set(num, f2 > 0 ? { kind: 'offset', offset: f2 + base, gen: f3 } : { kind: 'free', gen: f3 });
      else if (type === 2) entries.set(num, { kind: 'compressed', stream: f2, index: f3 });
      // §7.5.8.3: other types are references to the null object; leave them out.
    }
  }
  return { offset: at, kind: 'stream', dict, entries, streamObject: header.num };
}

function parseSection(bytes: Uint8Array, at: number, base: number, context: PDFContext, budget: DecodeBudget): XrefSection {
  if (keywordAt(bytes, skipWhite(bytes, at), 'xref')) return parseTable(bytes, at, base, context);
  return parseStream(bytes, at, base, context, budget);
}

/**
 * Follows the chain from the last `startxref` through every /Prev. Offsets are tried as written
 * and, when junk precedes the header, shifted by it (readers accept both; §7.5.2 note). A
 * `startxref` that points at neither is a damaged file: refused, never searched around, since
 * a reader that guesses can be shown a different document than the one that was signed.
 */
export function readXrefChain(bytes: Uint8Array, startxref: number, headerOffset: number, context: PDFContext, budget = new DecodeBudget()): XrefChain {
  // Offsets as written first; when junk precedes the header, also shifted by it. Whichever
  // reads as a whole chain wins (a shifted table can look like one at the unshifted offset).
  const bases = headerOffset > 0 ? [0, headerOffset] : [0];
  let first: unknown;
  for (const base of bases) {
    if (!isSectionAt(bytes, startxref + base)) continue;
    try {
      return readChain(bytes, startxref, base, context, budget);
    } catch (err) {
      if (!(err instanceof SigningError) || err.code === 'pdf.too_complex') throw err;
      first ??= err;
    }
  }
  throw first ?? malformed(`startxref ${startxref} does not point at a cross-reference section`);
}

function readChain(bytes: Uint8Array, startxref: number, base: number, context: PDFContext, budget: DecodeBudget): XrefChain {
  const groups: XrefGroup[] = [];
  const seen = new Set<number>();
  let next: number | undefined = startxref + base;
  while (next !== undefined) {
    if (seen.has(next)) throw malformed(`/Prev loops back to ${next}`);
    if (seen.size >= LIMITS.sections) {
      throw new SigningError('pdf.too_complex', `The PDF has more than ${LIMITS.sections} cross-reference sections (incremental updates).`);
    }
    seen.add(next);
    const section = wrap(() => parseSection(bytes, next as number, base, context, budget), next);
    const group: XrefGroup = { section };
    const xrefStm = section.kind === 'table' ? intIn(section.dict, 'XRefStm') : undefined;
    if (xrefStm !== undefined) {
      const at = xrefStm + base;
      group.hybrid = wrap(() => parseStream(bytes, at, base, context, budget), at);
    }
    groups.push(group);
    const prev = intIn(section.dict, 'Prev');
    if (section.dict.has(PDFName.of('Prev')) && prev === undefined) throw malformed('/Prev is not an offset');
    next = prev === undefined ? undefined : prev + base;
  }
  const entries = mergeEntries(groups);
  if (entries.size > LIMITS.objects) throw tooManyObjects(entries.size);
  return { base, prev: startxref, groups, entries };
}

/** The entries of a chain as of its groups (newest first): newest section wins. */
export function mergeEntries(groups: readonly XrefGroup[]): Map<number, XrefEntry> {
  const entries = new Map<number, XrefEntry>();
  for (const { section, hybrid } of groups) {
    for (const [num, e] of groupEntries({ section, hybrid })) if (!entries.has(num)) entries.set(num, e);
  }
  return entries;
}

/**
 * The entries one group defines. §7.5.8.4: objects hidden from pre-1.5 readers sit in the
 * /XRefStm stream; the table's entries for them are usually free. The stream fills those gaps,
 * the table wins otherwise.
 */
export function groupEntries({ section, hybrid }: XrefGroup): Map<number, XrefEntry> {
  const own = new Map(section.entries);
  for (const [num, e] of hybrid?.entries ?? []) {
    const mine = own.get(num);
    if (!mine || (mine.kind === 'free' && e.kind !== 'free')) own.set(num, e);
  }
  return own;
}

function wrap<T>(fn: () => T, at: number): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SigningError) throw err;
    throw malformed(`cannot read the section at ${at} (${(err as Error).message})`, err);
  }
}

/** First value of `key` in the newest trailer that has one (§7.5.5, §7.5.6). */
export function trailerValue(chain: XrefChain, key: string): ReturnType<PDFDict['get']> {
  for (const { section } of chain.groups) {
    const v = section.dict.get(PDFName.of(key));
    if (v !== undefined) return v;
  }
  return undefined;
}
