// The frame of a PDF file: header at the front, `startxref` + `%%EOF` at the back, and the
// `%%EOF` markers that end each revision (ISO 32000-1 §7.5.2, §7.5.5, §7.5.6).
import { SigningError } from '../errors.ts';
import { eolLength, indexOf, isDigit, isWhite, keywordAt, lastIndexOf, readUint, skipWhiteAndComments } from './bytes.ts';

/** Common practice (Adobe implementation note to §7.5.2): the header may follow up to 1024 bytes of junk. */
const HEADER_WINDOW = 1024;

export interface FileFrame {
  /** Offset of `%PDF-`; non-zero when junk precedes the header. */
  headerOffset: number;
  /** Version in the header, e.g. "1.7" or "2.0". */
  version: string;
  /** The value after the last `startxref`, as written in the file. */
  startxref: number;
}

export function readHeader(bytes: Uint8Array): { headerOffset: number; version: string } {
  const at = indexOf(bytes, '%PDF-', 0, Math.min(bytes.length, HEADER_WINDOW + 8));
  if (at < 0) throw new SigningError('pdf.malformed', 'Not a PDF file: no %PDF- header in the first 1024 bytes.');
  const m = /^%PDF-(\d+\.\d+)/.exec(Buffer.from(bytes.subarray(at, at + 16)).toString('latin1'));
  if (!m?.[1]) throw new SigningError('pdf.malformed', 'Not a PDF file: the %PDF- header has no version number.');
  return { headerOffset: at, version: m[1] };
}

/**
 * Finds the last `startxref` and checks that `%%EOF` follows it (§7.5.5). Anything after that
 * `%%EOF` which looks like PDF objects means a truncated or damaged update: refused, because
 * appending to it would build on bytes no reader agrees about.
 */
export function readTail(bytes: Uint8Array): number {
  const at = lastIndexOf(bytes, 'startxref');
  if (at < 0) throw new SigningError('pdf.malformed', 'The PDF is truncated or damaged: no startxref near the end.');
  let i = skipWhiteAndComments(bytes, at + 'startxref'.length);
  const n = readUint(bytes, i);
  if (!n) throw new SigningError('pdf.malformed', 'The PDF is damaged: startxref is not followed by an offset.');
  i = n.end;
  while (i < bytes.length && isWhite(bytes[i])) i++;
  if (indexOf(bytes, '%%EOF', i, i + 5) !== i) {
    throw new SigningError('pdf.malformed', 'The PDF is truncated: no %%EOF after the last startxref.');
  }
  if (TAIL_KEYWORDS.some((word) => hasWord(bytes, word, i + 5))) {
    throw new SigningError('pdf.malformed', 'The PDF is damaged: unreferenced data follows the last %%EOF (a truncated update?).');
  }
  return n.value;
}

const TAIL_KEYWORDS = ['obj', 'xref', 'trailer', 'stream'];
const isWordByte = (b: number | undefined): boolean =>
  b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f);

/** `word` as a whole word at or after `from`, searched in place (a long tail is never copied). */
function hasWord(bytes: Uint8Array, word: string, from: number): boolean {
  for (let at = indexOf(bytes, word, from); at >= 0; at = indexOf(bytes, word, at + 1)) {
    if (!isWordByte(bytes[at - 1]) && !isWordByte(bytes[at + word.length])) return true;
  }
  return false;
}

export function readFrame(bytes: Uint8Array): FileFrame {
  const { headerOffset, version } = readHeader(bytes);
  return { headerOffset, version, startxref: readTail(bytes) };
}

/** One revision of the file: the bytes up to a `%%EOF` that closes a `startxref <n>` trailer. */
export interface RevisionMarker {
  /** Offset of `%%EOF`. */
  eof: number;
  /** Just after `%%EOF` and its end-of-line marker. */
  end: number;
  /** The offset written after `startxref` (as the file states it, before any header shift). */
  startxref: number;
}

/**
 * Every `%%EOF` that closes a `startxref <n>` trailer: where the marker starts and where the
 * revision ends, end-of-line marker included (writers, ours too, end /ByteRange there; a writer
 * that omits it leaves the EOL to the next update). A linearized file has one extra marker
 * after its first-page section (Annex F).
 */
export function revisionMarkers(bytes: Uint8Array): RevisionMarker[] {
  const out: RevisionMarker[] = [];
  let from = 0;
  for (;;) {
    const at = indexOf(bytes, '%%EOF', from);
    if (at < 0) return out;
    from = at + 5;
    const startxref = closedStartxref(bytes, at);
    if (startxref !== undefined) out.push({ eof: at, end: at + 5 + eolLength(bytes, at + 5), startxref });
  }
}

/** End offsets of every revision (see revisionMarkers). */
export function revisionEnds(bytes: Uint8Array): number[] {
  return revisionMarkers(bytes).map((m) => m.end);
}

/** Walks back from a `%%EOF` over white space, digits and white space to `startxref`; the digits' value. */
function closedStartxref(bytes: Uint8Array, eofAt: number): number | undefined {
  let i = eofAt - 1;
  while (i >= 0 && isWhite(bytes[i])) i--;
  const digitsEnd = i;
  while (i >= 0 && isDigit(bytes[i])) i--;
  if (i === digitsEnd) return undefined;
  const digitsStart = i + 1;
  while (i >= 0 && isWhite(bytes[i])) i--;
  if (!(i >= 8 && keywordAt(bytes, i - 8, 'startxref'))) return undefined;
  return readUint(bytes, digitsStart)?.value;
}
