// Byte-level helpers shared by the PDF layer. PDF syntax is ASCII inside arbitrary binary data,
// so everything here works on Uint8Array and latin1 (one char per byte) views — never UTF-8.

/** White-space characters, ISO 32000-1 §7.2.2 Table 1: NUL, HT, LF, FF, CR, SP. */
export function isWhite(b: number | undefined): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
}

/** Delimiter characters, ISO 32000-1 §7.2.2 Table 2. */
export function isDelimiter(b: number | undefined): boolean {
  return (
    b === 0x28 || b === 0x29 || b === 0x3c || b === 0x3e || b === 0x5b || b === 0x5d ||
    b === 0x7b || b === 0x7d || b === 0x2f || b === 0x25
  );
}

export function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

export function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString('latin1');
}

// Buffer's search methods read a negative start as counting from the end; these never do.

/** First index of `needle` in `hay[from, to)`, or -1. */
export function indexOf(hay: Uint8Array, needle: string, from = 0, to = hay.length): number {
  const end = Math.max(0, Math.min(to, hay.length));
  if (from >= end) return -1;
  return Buffer.from(hay.buffer, hay.byteOffset, end).indexOf(needle, Math.max(0, from), 'latin1');
}

/** Last index of `needle` in `hay` starting at or before `from`, or -1. */
export function lastIndexOf(hay: Uint8Array, needle: string, from = hay.length): number {
  if (from < 0) return -1;
  return Buffer.from(hay.buffer, hay.byteOffset, hay.length).lastIndexOf(needle, from, 'latin1');
}

/** True when `hay` has `needle` at `at` and it ends a token (next byte is white or a delimiter). */
export function keywordAt(hay: Uint8Array, at: number, needle: string): boolean {
  if (at < 0 || at + needle.length > hay.length) return false;
  for (let i = 0; i < needle.length; i++) if (hay[at + i] !== needle.charCodeAt(i)) return false;
  const next = hay[at + needle.length];
  return next === undefined || isWhite(next) || isDelimiter(next);
}

export function skipWhite(bytes: Uint8Array, at: number): number {
  let i = at;
  while (i < bytes.length && isWhite(bytes[i])) i++;
  return i;
}

/** Skips white space and `%` comments (§7.2.3). */
export function skipWhiteAndComments(bytes: Uint8Array, at: number): number {
  let i = at;
  for (;;) {
    i = skipWhite(bytes, i);
    if (bytes[i] !== 0x25) return i;
    while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
  }
}

/**
 * Reads an unsigned decimal integer at `at` (no sign, at most 15 digits so the value stays exact).
 * Returns undefined when there is no digit there.
 */
export function readUint(bytes: Uint8Array, at: number): { value: number; end: number } | undefined {
  let i = at;
  let value = 0;
  while (i < bytes.length && isDigit(bytes[i]) && i - at < 15) {
    value = value * 10 + ((bytes[i] as number) - 0x30);
    i++;
  }
  if (i === at || isDigit(bytes[i])) return undefined;
  return { value, end: i };
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

/** Length of an end-of-line marker at `at` (CRLF, LF or CR), 0 if none (§7.2.2). */
export function eolLength(bytes: Uint8Array, at: number): number {
  if (bytes[at] === 0x0d) return bytes[at + 1] === 0x0a ? 2 : 1;
  return bytes[at] === 0x0a ? 1 : 0;
}
