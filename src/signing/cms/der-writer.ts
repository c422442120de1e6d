// A small DER encoder (ITU-T X.690 §8 + §10/§11 DER rules). Why not node-forge's asn1.toDer:
// CMS and X.509 work copies foreign DER byte-for-byte (certificates, Names, serial numbers, the
// TimeStampToken), and any re-encoding would change the hashes they are bound by (RFC 5035
// ESSCertIDv2, RFC 5652 §5.3 issuerAndSerialNumber). forge's toDer cannot embed an already
// encoded element, rewrites INTEGERs, and its OID codec stops at 32-bit arcs (2.25.<UUID> OIDs).

export type Der = Uint8Array;

/** Encodes one tag-length-value; `tag` is the full identifier octet (single-byte tags only). */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(contents);
  return Buffer.concat([Uint8Array.of(tag), encodeLength(body.length), body]);
}

function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n); // X.690 §10.1: definite form, minimal octets
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export const sequence = (...contents: Uint8Array[]): Uint8Array => tlv(0x30, ...contents);

/** SET OF: X.690 §11.6 — components sorted as octet strings (shorter padded with zeros at the end). */
export function setOf(...elements: Uint8Array[]): Uint8Array {
  return tlv(0x31, ...sortDer(elements));
}

export function sortDer(elements: readonly Uint8Array[]): Uint8Array[] {
  return [...elements].sort((a, b) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
    return a.length - b.length;
  });
}

/**
 * Encodings of the OIDs written so far: a signature writes the same twenty or so, and encoding
 * them each time (BigInt arithmetic) was a fifth of the garbage a batch signature left on the
 * event loop's heap once the database's was gone. Bounded, in case of OIDs from foreign input.
 */
const OID_CACHE = new Map<string, Uint8Array>();
const OID_CACHE_MAX = 512;

/** OBJECT IDENTIFIER (X.690 §8.19): first two arcs combined, base-128 arcs of any size. The answer is shared: do not write into it. */
export function oid(dotted: string): Uint8Array {
  let encoded = OID_CACHE.get(dotted);
  if (!encoded) {
    encoded = encodeOid(dotted);
    if (OID_CACHE.size < OID_CACHE_MAX) OID_CACHE.set(dotted, encoded);
  }
  return encoded;
}

function encodeOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new RangeError(`bad OID ${dotted}`);
    return BigInt(a);
  });
  if (arcs.length < 2 || (arcs[0] as bigint) > 2n) throw new RangeError(`bad OID ${dotted}`);
  const bytes: number[] = [];
  for (const arc of [(arcs[0] as bigint) * 40n + (arcs[1] as bigint), ...arcs.slice(2)]) {
    const group: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) group.unshift(Number(v & 0x7fn) | 0x80);
    bytes.push(...group);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

/** INTEGER from a non-negative bigint/number, minimal two's complement (X.690 §8.3.2). */
export function integer(value: bigint | number): Uint8Array {
  let v = BigInt(value);
  if (v < 0n) throw new RangeError('negative INTEGER not supported');
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if ((bytes[0] as number) & 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
}

/** INTEGER whose content octets are copied verbatim (a serial number taken from a certificate). */
export const integerFromContent = (content: Uint8Array): Uint8Array => tlv(0x02, content);

/** ENUMERATED (e.g. CRLReason) — same content rules as INTEGER. */
export function enumerated(value: number): Uint8Array {
  const i = integer(value);
  return Buffer.concat([Uint8Array.of(0x0a), i.subarray(1)]);
}

export const octetString = (bytes: Uint8Array): Uint8Array => tlv(0x04, bytes);
export const nullValue = (): Uint8Array => Uint8Array.of(0x05, 0x00);
export const boolean = (v: boolean): Uint8Array => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00); // X.690 §11.1
export const utf8String = (s: string): Uint8Array => tlv(0x0c, Buffer.from(s, 'utf8'));
export const printableString = (s: string): Uint8Array => tlv(0x13, Buffer.from(s, 'latin1'));
export const bmpString = (s: string): Uint8Array => tlv(0x1e, Buffer.from(s, 'utf16le').swap16());

/** BIT STRING with `unusedBits` unused trailing bits in the last octet. */
export const bitString = (bytes: Uint8Array, unusedBits = 0): Uint8Array => tlv(0x03, Uint8Array.of(unusedBits), bytes);

/** A named-bit-list BIT STRING (keyUsage, PKIFailureInfo): DER drops trailing zero bits (X.690 §11.2.2). */
export function namedBits(bits: readonly number[]): Uint8Array {
  if (bits.length === 0) return Uint8Array.of(0x03, 0x01, 0x00);
  const last = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(last / 8) + 1);
  for (const b of bits) bytes[b >> 3] = (bytes[b >> 3] as number) | (0x80 >> (b & 7));
  return bitString(bytes, 7 - (last & 7));
}

/** [n] EXPLICIT, or [n] IMPLICIT of a constructed type: context-specific, constructed. */
export const contextConstructed = (n: number, ...contents: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...contents);
/** [n] IMPLICIT of a primitive type. */
export const contextPrimitive = (n: number, content: Uint8Array): Uint8Array => tlv(0x80 | n, content);

/** Replaces the identifier octet of an encoded element (IMPLICIT re-tagging, RFC 5652 §5.4). */
export function retag(der: Uint8Array, tag: number): Uint8Array {
  const out = Buffer.from(der);
  out[0] = tag;
  return out;
}

/** GeneralizedTime, DER form (X.690 §11.7): UTC "Z", no trailing zeros in the fraction. */
export function generalizedTime(date: Date): Uint8Array {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  let text = iso.slice(0, 19).replace(/[-T:]/g, '');
  const ms = iso.slice(20, 23).replace(/0+$/, '');
  if (ms) text += `.${ms}`;
  return tlv(0x18, Buffer.from(`${text}Z`, 'latin1'));
}

/** Time as RFC 5280 §4.1.2.5 wants it: UTCTime through 2049, GeneralizedTime (seconds) from 2050. */
export function x509Time(date: Date): Uint8Array {
  const s = date.toISOString().slice(0, 19).replace(/[-T:]/g, '');
  if (date.getUTCFullYear() < 2050 && date.getUTCFullYear() >= 1950) return tlv(0x17, Buffer.from(`${s.slice(2)}Z`, 'latin1'));
  return tlv(0x18, Buffer.from(`${s}Z`, 'latin1'));
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm, parameters ANY OPTIONAL } (RFC 5280 §4.1.1.2). */
export const algorithmIdentifier = (algorithm: string, parameters?: Uint8Array): Uint8Array =>
  parameters ? sequence(oid(algorithm), parameters) : sequence(oid(algorithm));
