// A DER/BER reader that keeps byte offsets. RFC 5652 §5.4 verifies the signature over the exact
// DER of the signed attributes as received, and ESSCertIDv2 hashes the certificate as received:
// both need the original bytes, which node-forge's asn1.fromDer throws away. Indefinite lengths
// (BER) are accepted for constructed elements because some signers emit them in outer layers.

export class DerError extends Error {
  override name = 'DerError';
}

export interface DerNode {
  /** The whole input the node was read from. */
  readonly source: Uint8Array;
  /** Identifier octet (single-byte tags only: every type CMS, X.509 and TSP use). */
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  /** End of the element, including an end-of-contents marker for indefinite lengths. */
  readonly end: number;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

const MAX_DEPTH = 64;

export function readNode(source: Uint8Array, offset = 0, limit = source.length, depth = 0): DerNode {
  if (depth > MAX_DEPTH) throw new DerError('ASN.1 nesting too deep');
  if (offset + 2 > limit) throw new DerError(`truncated ASN.1 element at offset ${offset}`);
  const tag = source[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-byte ASN.1 tag at offset ${offset}`);
  let pos = offset + 1;
  const first = source[pos++] as number;
  if (first === 0x80) {
    if (!(tag & 0x20)) throw new DerError(`indefinite length on a primitive element at offset ${offset}`);
    // Walk children until the end-of-contents octets 00 00 (X.690 §8.1.5).
    let p = pos;
    for (;;) {
      if (p + 2 > limit) throw new DerError('missing end-of-contents marker');
      if (source[p] === 0 && source[p + 1] === 0) break;
      p = readNode(source, p, limit, depth + 1).end;
    }
    return { source, tag, start: offset, contentStart: pos, contentEnd: p, end: p + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new DerError(`ASN.1 length too large at offset ${offset}`);
    if (pos + count > limit) throw new DerError(`truncated ASN.1 length at offset ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (source[pos++] as number);
  }
  if (pos + length > limit) throw new DerError(`ASN.1 element at offset ${offset} runs past its container`);
  return { source, tag, start: offset, contentStart: pos, contentEnd: pos + length, end: pos + length };
}

/**
 * Reads one element that must fill `bytes`, except for trailing zero octets: a PDF /Contents
 * window holds the CMS followed by zero padding (ISO 32000-1 §12.8.1).
 */
export function readRoot(bytes: Uint8Array): DerNode {
  const node = readNode(bytes, 0);
  for (let i = node.end; i < bytes.length; i++) {
    if (bytes[i] !== 0) throw new DerError(`unexpected data after the ASN.1 element at offset ${node.end}`);
  }
  return node;
}

export function children(node: DerNode): DerNode[] {
  if (!(node.tag & 0x20)) throw new DerError(`element with tag 0x${node.tag.toString(16)} is not constructed`);
  const out: DerNode[] = [];
  for (let p = node.contentStart; p < node.contentEnd; ) {
    const child = readNode(node.source, p, node.contentEnd);
    out.push(child);
    p = child.end;
  }
  return out;
}

/** The whole element as it appears in the input (a subarray, not a copy). */
export const raw = (node: DerNode): Uint8Array => node.source.subarray(node.start, node.end);
export const content = (node: DerNode): Uint8Array => node.source.subarray(node.contentStart, node.contentEnd);

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`${what}: missing`);
  if (node.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`);
  return node;
}

/** Children of a SEQUENCE/SET, checking the tag first. */
export function elements(node: DerNode | undefined, tag: number, what: string): DerNode[] {
  return children(expectTag(node, tag, what));
}

export function readOid(node: DerNode | undefined, what = 'OBJECT IDENTIFIER'): string {
  const n = expectTag(node, TAG.OID, what);
  const bytes = content(n);
  if (bytes.length === 0 || ((bytes[bytes.length - 1] as number) & 0x80) !== 0) throw new DerError(`${what}: malformed`);
  // X.690 §8.19: base-128 arcs; the first encodes 40 * arc0 + arc1. BigInt keeps UUID arcs exact.
  const arcs: bigint[] = [];
  let v = 0n;
  for (const b of bytes) {
    v = (v << 7n) | BigInt(b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(v);
      v = 0n;
    }
  }
  const first = arcs[0] as bigint;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

export function readInteger(node: DerNode | undefined, what = 'INTEGER'): bigint {
  const bytes = content(expectTag(node, TAG.INTEGER, what));
  if (bytes.length === 0) throw new DerError(`${what}: empty`);
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  if ((bytes[0] as number) & 0x80) v -= 1n << BigInt(bytes.length * 8); // two's complement
  return v;
}

export function readBoolean(node: DerNode | undefined, what = 'BOOLEAN'): boolean {
  const bytes = content(expectTag(node, TAG.BOOLEAN, what));
  if (bytes.length !== 1) throw new DerError(`${what}: bad length`);
  return bytes[0] !== 0;
}

/** OCTET STRING contents, joining BER constructed segments (tag 0x24) when a producer used them. */
export function readOctets(node: DerNode | undefined, what = 'OCTET STRING'): Uint8Array {
  if (node?.tag === 0x24) return Buffer.concat(children(node).map((c) => readOctets(c, what)));
  return content(expectTag(node, TAG.OCTET_STRING, what));
}

/** BIT STRING contents without the unused-bits octet. */
export function readBitString(node: DerNode | undefined, what = 'BIT STRING'): { bytes: Uint8Array; unusedBits: number } {
  const c = content(expectTag(node, TAG.BIT_STRING, what));
  if (c.length === 0) throw new DerError(`${what}: empty`);
  return { bytes: c.subarray(1), unusedBits: c[0] as number };
}

/** UTCTime (RFC 5280 §4.1.2.5.1 window: YY < 50 → 20YY) or GeneralizedTime, with optional fraction. */
export function readTime(node: DerNode | undefined, what = 'time'): Date {
  if (!node || (node.tag !== TAG.UTC_TIME && node.tag !== TAG.GENERALIZED_TIME)) throw new DerError(`${what}: not a time`);
  const text = Buffer.from(content(node)).toString('latin1');
  const m = node.tag === TAG.UTC_TIME
    ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/.exec(text)
    : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/.exec(text);
  if (!m) throw new DerError(`${what}: malformed "${text}"`);
  let year = Number(m[1]);
  if (node.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  const frac = node.tag === TAG.GENERALIZED_TIME ? (m[7] ?? '') : '';
  const zone = (node.tag === TAG.GENERALIZED_TIME ? m[8] : m[7]) ?? 'Z';
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms);
  if (zone !== 'Z') t -= (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3))) * 60_000;
  return new Date(t);
}

/** Text of a directory string (UTF8String, PrintableString, IA5String, BMPString, TeletexString as latin1). */
export function readString(node: DerNode): string {
  const c = Buffer.from(content(node));
  if (node.tag === TAG.UTF8_STRING) return c.toString('utf8');
  if (node.tag === 0x1e && c.length % 2 === 0) return Buffer.from(c).swap16().toString('utf16le');
  return c.toString('latin1');
}
