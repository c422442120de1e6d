// Parsing one indirect object at a known offset (ISO 32000-1 §7.3.10), with pdf-lib's object
// parser so the result is an ordinary pdf-lib object bound to the document's context.
import { PDFObjectParser, type PDFContext, type PDFObject } from 'pdf-lib';
import { keywordAt, readUint, skipWhite, skipWhiteAndComments } from './bytes.ts';

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

interface SliceableParser {
  bytes: { slice(start: number, end: number): Uint8Array };
}

/**
 * Parses a direct object (dictionary, stream, array…) starting at `at`. A stream's contents are
 * a view into `bytes`, not a copy: pdf-lib's parser copies every stream (its ByteStream.slice),
 * which for a 10 MB scan means copying the whole file on each open for data a signature never
 * reads. Views are safe because IncrementalPdf owns its bytes and never writes into them.
 */
export function parseObjectAt(bytes: Uint8Array, at: number, context: PDFContext): PDFObject {
  if (at < 0 || at >= bytes.length) throw new Error(`object offset ${at} outside the data`);
  const view = bytes.subarray(at);
  const parser = PDFObjectParser.forBytes(view, context);
  // pdf-lib 1.17.1: `bytes` is the parser's ByteStream; slice() is used only for stream contents.
  (parser as unknown as SliceableParser).bytes.slice = (start, end) => view.subarray(start, end);
  return parser.parseObject();
}

/** Parses the indirect object `num` at `offset`; throws when another object (or none) is there. */
export function parseIndirectAt(
  bytes: Uint8Array,
  offset: number,
  context: PDFContext,
  expected?: { num: number; gen: number },
): { header: ObjectHeader; object: PDFObject } {
  const header = readObjectHeader(bytes, offset);
  if (!header) throw new Error(`no "N G obj" at offset ${offset}`);
  if (expected && (header.num !== expected.num || header.gen !== expected.gen)) {
    throw new Error(`offset ${offset} holds ${header.num} ${header.gen} obj, not ${expected.num} ${expected.gen}`);
  }
  return { header, object: parseObjectAt(bytes, skipWhiteAndComments(bytes, header.bodyStart), context) };
}
