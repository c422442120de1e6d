// The signed byte ranges (ISO 32000-1 §12.8.1, Table 252 /ByteRange; ETSI EN 319 142-1 §5.1):
// everything except the /Contents hex string, delimiters included in the excluded gap. The
// /ByteRange array is written as a fixed-width placeholder and filled in afterwards, padded
// with spaces, so no offset moves.
import { createHash } from 'node:crypto';
import { SigningError } from '../errors.ts';
import { ascii, indexOf } from './bytes.ts';

export type ByteRange = [number, number, number, number];

/** Ten digits per number: files up to 9,999,999,999 bytes. */
export const BYTE_RANGE_PLACEHOLDER = `[0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`;

export interface PreparedSignature {
  /** The document with the signature dictionary, /Contents still all zeros. */
  bytes: Uint8Array;
  byteRange: ByteRange;
  /** Offset of the first hex digit of /Contents (just after '<'). */
  contentsOffset: number;
  /** Number of hex digits between '<' and '>' (twice the bytes reserved). */
  contentsLength: number;
  /** SHA-256 over the two byte ranges: what the CMS messageDigest attribute must hold. */
  digest: Uint8Array;
}

/**
 * Finds the placeholders inside the signature dictionary written at `objectOffset`, fills in
 * /ByteRange and returns the prepared signature. `bytes` is modified in place.
 */
export function fillByteRange(bytes: Uint8Array, objectOffset: number): PreparedSignature {
  const end = indexOf(bytes, 'endobj', objectOffset);
  const br = indexOf(bytes, `/ByteRange ${BYTE_RANGE_PLACEHOLDER}`, objectOffset, end);
  const contentsKey = indexOf(bytes, '/Contents <', objectOffset, end);
  if (end < 0 || br < 0 || contentsKey < 0) throw new Error('signature placeholders not found in the written update');
  const open = contentsKey + '/Contents '.length;
  const close = indexOf(bytes, '>', open, end);
  if (close < 0) throw new Error('unterminated /Contents placeholder');
  const byteRange: ByteRange = [0, open, close + 1, bytes.length - (close + 1)];
  const text = `[${byteRange.join(' ')}`;
  if (text.length + 1 > BYTE_RANGE_PLACEHOLDER.length) throw new SigningError('pdf.unsupported', 'The document is too large for a 10-digit /ByteRange.');
  bytes.set(ascii(text.padEnd(BYTE_RANGE_PLACEHOLDER.length - 1, ' ') + ']'), br + '/ByteRange '.length);
  return { bytes, byteRange, contentsOffset: open + 1, contentsLength: close - open - 1, digest: rangeDigest(bytes, byteRange) };
}

export function rangeDigest(bytes: Uint8Array, [a, b, c, d]: ByteRange): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes.subarray(a, a + b)).update(bytes.subarray(c, c + d)).digest());
}

/**
 * Writes the CMS (DER) as hex into the reserved window, padded with '0' (§12.8.1: the unused
 * part of /Contents is zero bytes). Returns a new array and leaves `prepared` untouched, unless
 * `inPlace`: then prepared.bytes itself is filled and returned (no copy of the whole file).
 */
export function embedSignature(prepared: PreparedSignature, cms: Uint8Array, opts: { inPlace?: boolean } = {}): Uint8Array {
  const { bytes, contentsOffset: at, contentsLength: len } = prepared;
  if (bytes[at - 1] !== 0x3c || bytes[at + len] !== 0x3e || prepared.byteRange[1] !== at - 1 || prepared.byteRange[2] !== at + len + 1) {
    throw new SigningError('pdf.malformed', 'The prepared signature does not match its document bytes.');
  }
  const hex = Buffer.from(cms.buffer, cms.byteOffset, cms.length).toString('hex').toUpperCase();
  if (hex.length > len) {
    throw new SigningError('signing.signature_too_large', `The signature needs ${cms.length} bytes but only ${Math.floor(len / 2)} were reserved.`);
  }
  const out = opts.inPlace ? bytes : Uint8Array.from(bytes);
  out.fill(0x30, at, at + len);
  out.set(ascii(hex), at);
  return out;
}
