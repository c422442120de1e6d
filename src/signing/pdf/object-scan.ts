// A flat, iterative scan of one PDF object (ISO 32000-1 §7.2 lexical conventions, §7.3 objects):
// where it ends, how deeply arrays and dictionaries nest, its /Type, the indirect references it
// holds and, for a stream, where the data lies. pdf-lib's parser recurses once per nesting
// level, so a 200,000-deep array overflows the stack; this scan never recurses, so it can judge
// any input before pdf-lib sees it. It is also how the reader learns every reference in the file
// without building pdf-lib objects (new object numbers must not collide with references that
// already exist: see incremental-pdf.ts and the verifier's revision rules).
import { SigningError } from '../errors.ts';
import { indexOf, isDelimiter, isWhite, latin1 } from './bytes.ts';
import { LIMITS } from './limits.ts';

export interface ScannedObject {
  /** First byte of the value (after `N G obj` for a file object). */
  valueStart: number;
  /** Just after the value (the dictionary's `>>` for a stream). */
  valueEnd: number;
  /** Just after `endobj` when present, else after the stream or the value. */
  end: number;
  /** Deepest nesting of arrays and dictionaries (0 for a number, 1 for `[1 2]`). */
  depth: number;
  /** /Type of the top-level dictionary, when it is a name (without the slash). */
  type?: string;
  /** Object numbers of every indirect reference, in order of appearance. */
  refs: number[];
  /**
   * For each reference, the key of the top-level dictionary entry it sits under ('' when the
   * value is not a dictionary): "Kids", "Parent", "Annots"…
   */
  refKeys: string[];
  /** For each reference, the nesting depth it sits at: 1 for `/Parent 3 0 R`, 2 inside `/Kids [...]`. */
  refDepths: number[];
  /** Stream data range (§7.3.8), for a file object that is a stream. */
  stream?: { start: number; end: number };
}

export interface ScanOptions {
  /** Scan stops here (default: end of `bytes`). */
  limit?: number;
  /** Resolves an indirect /Length (§7.3.8.2); undefined when it cannot be had. */
  resolveLength?: (num: number) => number | undefined;
}

function tooDeep(at: number): SigningError {
  return new SigningError('pdf.too_complex', `The PDF nests arrays or dictionaries more than ${LIMITS.nesting} levels deep (near offset ${at}).`);
}

class ScanError extends Error {}

// Byte classes (§7.2.2 Tables 1 and 2): 1 white space, 2 delimiter, 0 regular.
const CLASS = new Uint8Array(256);
for (const b of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[b] = 1;
for (const b of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[b] = 2;

interface ValueScan extends Omit<ScannedObject, 'end' | 'stream'> {
  lengthNum?: number;
  lengthRef?: number;
}

/**
 * Scans the direct value starting at `at` (white space and comments before it skipped).
 * Throws SigningError('pdf.too_complex') past the nesting limit and ScanError on bad syntax.
 */
function scanValue(bytes: Uint8Array, at: number, limit: number): ValueScan {
  let i = at;
  let depth = 0;
  let maxDepth = 0;
  let valueStart = -1;
  let topIsDict = false;
  let expectKey = false;
  let key = '';
  let type: string | undefined;
  let lengthNum: number | undefined;
  let lengthRef: number | undefined;
  const refs: number[] = [];
  const refKeys: string[] = [];
  const refDepths: number[] = [];
  // The last two tokens, for `N G R`: their values when unsigned integers, else -1.
  let last = -1;
  let before = -1;
  for (;;) {
    // White space and comments (§7.2.2, §7.2.3).
    while (i < limit) {
      const b = bytes[i] as number;
      if (CLASS[b] === 1) i++;
      else if (b === 0x25) {
        while (i < limit && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
      } else break;
    }
    if (i >= limit) throw new ScanError(valueStart < 0 ? 'no object' : 'unterminated object');
    if (valueStart < 0) valueStart = i;
    const b = bytes[i] as number;
    if (b === 0x5b || (b === 0x3c && bytes[i + 1] === 0x3c)) {
      // [ or <<
      if (depth === 0 && b === 0x3c) {
        topIsDict = true;
        expectKey = true;
      }
      if (++depth > LIMITS.nesting) throw tooDeep(i);
      if (depth > maxDepth) maxDepth = depth;
      i += b === 0x5b ? 1 : 2;
      last = before = -1;
      continue;
    }
    if (b === 0x5d || (b === 0x3e && bytes[i + 1] === 0x3e)) {
      // ] or >>
      if (depth === 0) throw new ScanError(`unexpected ${b === 0x5d ? ']' : '>>'} at ${i}`);
      i += b === 0x5d ? 1 : 2;
      last = before = -1;
      if (--depth === 0) break;
      if (depth === 1 && topIsDict) expectKey = true; // a nested value of the top dictionary ended
      continue;
    }
    if (b === 0x28) {
      // Literal string (§7.3.4.2): balanced parentheses, backslash escapes.
      let nest = 0;
      for (;;) {
        if (i >= limit) throw new ScanError('unterminated string');
        const c = bytes[i++] as number;
        if (c === 0x5c) i++;
        else if (c === 0x28) nest++;
        else if (c === 0x29 && --nest === 0) break;
      }
      last = before = -1;
    } else if (b === 0x3c) {
      // Hex string (§7.3.4.3).
      const close = indexOf(bytes, '>', i + 1, limit);
      if (close < 0) throw new ScanError('unterminated hex string');
      i = close + 1;
      last = before = -1;
    } else if (b === 0x2f) {
      // Name (§7.3.5): up to white space or a delimiter.
      const start = ++i;
      while (i < limit && CLASS[bytes[i] as number] === 0) i++;
      last = before = -1;
      if (topIsDict && depth === 1) {
        const name = internName(bytes, start, i);
        if (expectKey) {
          key = name;
          expectKey = false;
          continue;
        }
        if (key === 'Type') type = name;
      }
    } else if (CLASS[b] === 2) {
      // ) > { }: a stray delimiter; braces only belong in PostScript calculator streams.
      throw new ScanError(`unexpected delimiter at ${i}`);
    } else {
      // A regular token: a number, R, true, false, null or another keyword.
      const start = i;
      let value = 0;
      let digits = true;
      while (i < limit && CLASS[bytes[i] as number] === 0) {
        const c = bytes[i] as number;
        // At most 15 digits: the value stays exact, and no object number is that large.
        if (c >= 0x30 && c <= 0x39 && i - start < 15) value = value * 10 + (c - 0x30);
        else digits = false;
        i++;
      }
      if (i - start === 1 && b === 0x52) {
        // R: the end of `N G R` (§7.3.10) when the two tokens before it were integers.
        if (last >= 0 && before >= 0) {
          refs.push(before);
          refKeys.push(topIsDict ? key : '');
          refDepths.push(depth);
          if (topIsDict && depth === 1 && key === 'Length' && lengthNum === before) {
            lengthNum = undefined;
            lengthRef = before;
          }
          last = before = -1;
          if (depth === 0) break; // not reached: a top-level integer ends the scan below
          continue;
        }
        last = before = -1;
      } else if (digits) {
        if (topIsDict && depth === 1 && !expectKey && key === 'Length') lengthNum = value;
        before = last;
        last = value;
        if (depth === 0) {
          // A number alone, or the start of a top-level `N G R`: look at the next two tokens.
          const ref = topLevelRef(bytes, i, limit);
          if (ref !== undefined) {
            refs.push(value);
            refKeys.push('');
            refDepths.push(0);
            i = ref;
          }
          break;
        }
      } else {
        // Keywords that cannot occur inside a value: the dictionary or array was never
        // closed. Stopping here keeps the scan of a damaged object from running to the end.
        if (depth > 0 && b >= 0x65 && b <= 0x73 && (isWord(bytes, start, i, 'endobj') || isWord(bytes, start, i, 'stream') || isWord(bytes, start, i, 'endstream') || isWord(bytes, start, i, 'obj'))) {
          throw new ScanError(`unterminated object before the keyword at ${start}`);
        }
        last = before = -1;
      }
    }
    if (depth === 0) break;
    if (depth === 1 && topIsDict) expectKey = true; // a scalar value of the top dictionary ended
  }
  return { valueStart, valueEnd: i, depth: maxDepth, type, refs, refKeys, refDepths, lengthNum, lengthRef };
}

function isWord(bytes: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (bytes[start + k] !== word.charCodeAt(k)) return false;
  return true;
}

// Dictionary keys repeat (/Type, /Parent, /Resources…): decoding each one anew was a fifth of
// the scan of a 200-page file. Keys are looked up by a hash of their bytes; bounded, so hostile
// input cannot grow it without limit.
const NAMES = new Map<number, string[]>();
let namesHeld = 0;

function internName(bytes: Uint8Array, start: number, end: number): string {
  let h = end - start;
  for (let k = start; k < end; k++) h = (Math.imul(h, 31) + (bytes[k] as number)) | 0;
  const bucket = NAMES.get(h);
  if (bucket) {
    for (const raw of bucket) {
      if (raw.length !== end - start) continue;
      let same = true;
      for (let k = 0; k < raw.length && same; k++) same = raw.charCodeAt(k) === bytes[start + k];
      if (same) return decodeName(raw);
    }
  }
  const raw = latin1(bytes, start, end);
  if (namesHeld < 4096 && raw.length <= 64) {
    NAMES.set(h, [...(bucket ?? []), raw]);
    namesHeld++;
  }
  return decodeName(raw);
}

/** §7.3.5 #xx escapes, decoded the way pdf-lib's PDFName.of does (digits and A–F), so keys agree. */
function decodeName(raw: string): string {
  return raw.includes('#') ? raw.replace(/#([\dABCDEF]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw;
}

/** After a top-level integer ending at `at`: the end of ` G R` when that follows, else undefined. */
function topLevelRef(bytes: Uint8Array, at: number, limit: number): number | undefined {
  let i = at;
  while (i < limit && isWhite(bytes[i])) i++;
  const start = i;
  while (i < limit && (bytes[i] as number) >= 0x30 && (bytes[i] as number) <= 0x39) i++;
  if (i === start || (i < limit && !isWhite(bytes[i]) && !isDelimiter(bytes[i]))) return undefined;
  while (i < limit && isWhite(bytes[i])) i++;
  return bytes[i] === 0x52 && (i + 1 >= limit || isWhite(bytes[i + 1]) || isDelimiter(bytes[i + 1])) ? i + 1 : undefined;
}

function skipWhiteAndComments(bytes: Uint8Array, at: number, limit: number): number {
  let i = at;
  while (i < limit) {
    const b = bytes[i] as number;
    if (isWhite(b)) i++;
    else if (b === 0x25) {
      while (i < limit && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else break;
  }
  return i;
}

/**
 * §7.3.8.1: `stream` is followed by CRLF or LF (a lone CR is tolerated), then /Length bytes of
 * data, then `endstream`. When /Length is missing, indirect and unresolvable, or wrong, the data
 * runs to the next `endstream` (minus the end-of-line before it), as viewers recover it.
 */
function streamRange(bytes: Uint8Array, keywordAt: number, limit: number, length: number | undefined): { start: number; end: number; after: number } {
  let start = keywordAt + 'stream'.length;
  if (bytes[start] === 0x0d && bytes[start + 1] === 0x0a) start += 2;
  else if (bytes[start] === 0x0a || bytes[start] === 0x0d) start += 1;
  if (length !== undefined && Number.isSafeInteger(length) && length >= 0 && start + length <= limit) {
    const after = skipWhiteAndComments(bytes, start + length, limit);
    if (keywordIs(bytes, after, 'endstream', limit)) return { start, end: start + length, after: after + 'endstream'.length };
  }
  const found = indexOf(bytes, 'endstream', start, limit);
  if (found < 0) throw new ScanError('stream without endstream');
  let end = found;
  if (bytes[end - 1] === 0x0a) end--;
  if (bytes[end - 1] === 0x0d) end--;
  return { start, end: Math.max(start, end), after: found + 'endstream'.length };
}

/** `word` at `at`, ending before `limit` or at a white-space or delimiter byte (a whole keyword). */
function keywordIs(bytes: Uint8Array, at: number, word: string, limit: number): boolean {
  const end = at + word.length;
  if (end > limit) return false;
  for (let k = 0; k < word.length; k++) if (bytes[at + k] !== word.charCodeAt(k)) return false;
  return end === limit || CLASS[bytes[end] as number] !== 0;
}

/** Scans a direct object (an object stream's member, a trailer dictionary). */
export function scanDirect(bytes: Uint8Array, at: number, opts: ScanOptions = {}): ScannedObject {
  const limit = Math.min(opts.limit ?? bytes.length, bytes.length);
  const v = wrap(() => scanValue(bytes, at, limit), at);
  return { valueStart: v.valueStart, valueEnd: v.valueEnd, end: v.valueEnd, depth: v.depth, type: v.type, refs: v.refs, refKeys: v.refKeys, refDepths: v.refDepths };
}

/** Scans the body of an indirect object whose `obj` keyword ends at `bodyStart`. */
export function scanIndirectBody(bytes: Uint8Array, bodyStart: number, opts: ScanOptions = {}): ScannedObject {
  const limit = Math.min(opts.limit ?? bytes.length, bytes.length);
  return wrap(() => {
    const v = scanValue(bytes, bodyStart, limit);
    const out: ScannedObject = { valueStart: v.valueStart, valueEnd: v.valueEnd, end: v.valueEnd, depth: v.depth, type: v.type, refs: v.refs, refKeys: v.refKeys, refDepths: v.refDepths };
    let i = skipWhiteAndComments(bytes, v.valueEnd, limit);
    if (bytes[v.valueStart] === 0x3c && keywordIs(bytes, i, 'stream', limit)) {
      const length = v.lengthRef !== undefined ? opts.resolveLength?.(v.lengthRef) : v.lengthNum;
      const range = streamRange(bytes, i, limit, length);
      out.stream = { start: range.start, end: range.end };
      i = skipWhiteAndComments(bytes, range.after, limit);
      out.end = range.after;
    }
    if (keywordIs(bytes, i, 'endobj', limit)) out.end = i + 'endobj'.length;
    return out;
  }, bodyStart);
}

function wrap<T>(fn: () => T, at: number): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ScanError) throw new Error(`${err.message} (object at ${at})`, { cause: err });
    throw err;
  }
}
