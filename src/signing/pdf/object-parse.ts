// Parsing one object (ISO 32000-1 §7.3.10) into an ordinary pdf-lib object bound to the
// document's context. The scan (object-scan.ts) decides where the value and a stream's data
// end and refuses nesting pdf-lib's recursive parser could not survive; pdf-lib then parses only
// the value's bytes, and a stream's contents are a view into `bytes` (never a copy: pdf-lib's
// own parser copies every stream, which for a 10 MB scan means copying the whole file on each
// open for data a signature never reads). Views are safe because the reader owns its bytes.
import { PDFDict, PDFObjectParser, PDFRawStream, type PDFContext, type PDFObject } from 'pdf-lib';
import { keywordAt, readUint, skipWhite, skipWhiteAndComments } from './bytes.ts';
import { scanDirect, scanIndirectBody, type ScannedObject, type ScanOptions } from './object-scan.ts';

export interface ObjectHeader {
  num: number;
  gen: number;
  /** Offset just after the `obj` keyword. */
  bodyStart: number;
}

/** Reads `N G obj` at `at` (leading white space tolerated), or undefined. */
export function readObjectHeader(bytes: Uint8Array, at: number): ObjectHeader | undefined {
  let i = skipWhiteAndComments(bytes, at);
  const num = readUint(bytes, i);
  if (!num) return undefined;
  i = skipWhite(bytes, num.end);
  const gen = readUint(bytes, i);
  if (!gen || gen.end === i) return undefined;
  i = skipWhite(bytes, gen.end);
  if (!keywordAt(bytes, i, 'obj')) return undefined;
  return { num: num.value, gen: gen.value, bodyStart: i + 3 };
}

/** Builds the pdf-lib object for a scanned value. Throws on syntax pdf-lib refuses. */
export function buildObject(bytes: Uint8Array, scan: ScannedObject, context: PDFContext): PDFObject {
  const value = PDFObjectParser.forBytes(bytes.subarray(scan.valueStart, scan.valueEnd), context).parseObject();
  if (!scan.stream) return value;
  if (!(value instanceof PDFDict)) throw new Error('stream data after something that is not a dictionary');
  return PDFRawStream.of(value, bytes.subarray(scan.stream.start, scan.stream.end));
}

/** Parses a direct object (an object stream's member, a trailer) starting at `at`. */
export function parseObjectAt(bytes: Uint8Array, at: number, context: PDFContext, opts: ScanOptions = {}): PDFObject {
  if (at < 0 || at >= bytes.length) throw new Error(`object offset ${at} outside the data`);
  return buildObject(bytes, scanDirect(bytes, at, opts), context);
}

/** Scans the indirect object at `offset`; throws when another object (or none) is there. */
export function scanIndirectAt(
  bytes: Uint8Array,
  offset: number,
  expected?: { num: number; gen: number },
  opts: ScanOptions = {},
): { header: ObjectHeader; scan: ScannedObject } {
  const header = readObjectHeader(bytes, offset);
  if (!header) throw new Error(`no "N G obj" at offset ${offset}`);
  if (expected && (header.num !== expected.num || header.gen !== expected.gen)) {
    throw new Error(`offset ${offset} holds ${header.num} ${header.gen} obj, not ${expected.num} ${expected.gen}`);
  }
  return { header, scan: scanIndirectBody(bytes, header.bodyStart, opts) };
}

/** Parses the indirect object at `offset`; throws when another object (or none) is there. */
export function parseIndirectAt(
  bytes: Uint8Array,
  offset: number,
  context: PDFContext,
  expected?: { num: number; gen: number },
  opts: ScanOptions = {},
): { header: ObjectHeader; object: PDFObject; scan: ScannedObject } {
  const { header, scan } = scanIndirectAt(bytes, offset, expected, opts);
  return { header, scan, object: buildObject(bytes, scan, context) };
}
