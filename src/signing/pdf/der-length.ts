// The length of a BER/DER encoded value (ITU-T X.690 §8.1), used to cut the CMS out of the
// zero-padded /Contents window. Trimming trailing zeros would be wrong: a DER value may itself
// end in 0x00 bytes. Indefinite lengths (§8.1.3.6, written by some older signers) are walked
// to their end-of-contents octets.

const MAX_DEPTH = 64;

/** Total size (tag + length + contents) of the value at `at`, or undefined if it is not valid. */
export function berLength(bytes: Uint8Array, at = 0): number | undefined {
  const end = walk(bytes, at, 0);
  return end === undefined ? undefined : end - at;
}

function walk(bytes: Uint8Array, at: number, depth: number): number | undefined {
  if (depth > MAX_DEPTH || at >= bytes.length) return undefined;
  const tag = bytes[at] as number;
  let i = at + 1;
  if ((tag & 0x1f) === 0x1f) {
    // High tag number form: base-128 digits, last one without the top bit.
    while (i < bytes.length && ((bytes[i] as number) & 0x80) !== 0) i++;
    i++;
  }
  if (i >= bytes.length) return undefined;
  const first = bytes[i++] as number;
  if (first === 0x80) {
    if ((tag & 0x20) === 0) return undefined; // indefinite length only for constructed values
    for (;;) {
      if (i + 1 >= bytes.length) return undefined;
      if (bytes[i] === 0 && bytes[i + 1] === 0) return i + 2;
      const next = walk(bytes, i, depth + 1);
      if (next === undefined) return undefined;
      i = next;
    }
  }
  let len = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 6 || i + n > bytes.length) return undefined;
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + (bytes[i++] as number);
  }
  const end = i + len;
  return end <= bytes.length ? end : undefined;
}
