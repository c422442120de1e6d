import { describe, expect, it } from 'vitest';
import {
  children,
  DerError,
  readInteger,
  readNode,
  readOctets,
  readOid,
  readRoot,
  readTime,
} from '../../src/signing/cms/der-reader.ts';
import { generalizedTime, integer, namedBits, oid, setOf, tlv, x509Time } from '../../src/signing/cms/der-writer.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h.replace(/\s/g, ''), 'hex'));

describe('DER writer and reader', () => {
  it('encodes OIDs per X.690 §8.19, including UUID arcs beyond 32 bits', () => {
    expect(hex(oid('1.2.840.113549.1.9.16.2.47'))).toBe('060b2a864886f70d010910022f');
    expect(hex(oid('2.16.840.1.101.3.4.2.1'))).toBe('0609608648016503040201');
    const uuidOid = '2.25.207408039268608806253265414245410483220';
    expect(readOid(readRoot(oid(uuidOid)))).toBe(uuidOid);
    expect(readOid(readRoot(oid('1.3.6.1.5.5.7.3.8')))).toBe('1.3.6.1.5.5.7.3.8');
  });

  it('encodes INTEGERs minimally with a sign octet when the high bit is set', () => {
    expect(hex(integer(0))).toBe('020100');
    expect(hex(integer(127))).toBe('02017f');
    expect(hex(integer(128))).toBe('02020080');
    expect(hex(integer(0x0800))).toBe('02020800');
    expect(readInteger(readRoot(integer(2n ** 127n - 1n)))).toBe(2n ** 127n - 1n);
    expect(readInteger(readRoot(bytes('0201ff')))).toBe(-1n);
  });

  it('sorts SET OF elements by their encodings (X.690 §11.6)', () => {
    const a = tlv(0x04, bytes('02'));
    const b = tlv(0x04, bytes('01'));
    const c = tlv(0x02, bytes('05'));
    expect(hex(setOf(a, b, c))).toBe(`3109${hex(c)}${hex(b)}${hex(a)}`);
  });

  it('writes GeneralizedTime in DER form: Z, no trailing zeros in the fraction', () => {
    const text = (d: Date): string => Buffer.from(generalizedTime(d).subarray(2)).toString('latin1');
    expect(text(new Date('2026-03-01T03:00:00.000Z'))).toBe('20260301030000Z');
    expect(text(new Date('2026-03-01T03:00:00.120Z'))).toBe('20260301030000.12Z');
    expect(readTime(readRoot(generalizedTime(new Date('2026-03-01T03:00:00.125Z')))).toISOString()).toBe('2026-03-01T03:00:00.125Z');
  });

  it('uses UTCTime until 2049 and GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)', () => {
    expect(x509Time(new Date('2049-12-31T23:59:59Z'))[0]).toBe(0x17);
    expect(x509Time(new Date('2050-01-01T00:00:00Z'))[0]).toBe(0x18);
    expect(readTime(readRoot(x509Time(new Date('1999-05-01T00:00:00Z')))).toISOString()).toBe('1999-05-01T00:00:00.000Z');
  });

  it('drops trailing zero bits of named bit lists (X.690 §11.2.2)', () => {
    expect(hex(namedBits([0, 1]))).toBe('030206c0'); // digitalSignature + nonRepudiation
    expect(hex(namedBits([5, 6]))).toBe('03020106'); // keyCertSign + cRLSign
    expect(hex(namedBits([2]))).toBe('03020520'); // badRequest
    expect(hex(namedBits([25]))).toBe('03050600000040'); // systemFailure
  });

  it('reads BER indefinite lengths and constructed OCTET STRINGs', () => {
    const ber = bytes('3080 2480 0402 6162 0401 63 0000 0000');
    const root = readRoot(ber);
    expect(root.end).toBe(ber.length);
    expect(Buffer.from(readOctets(children(root)[0])).toString()).toBe('abc');
  });

  it('accepts trailing zero padding (a PDF /Contents window) but not other trailing data', () => {
    expect(readRoot(bytes('3000 0000 0000')).end).toBe(2);
    expect(() => readRoot(bytes('3000 01'))).toThrow(DerError);
  });

  it('rejects truncated and oversized elements with DerError, never a crash', () => {
    expect(() => readNode(bytes('3005 0101'))).toThrow(DerError);
    expect(() => readNode(bytes('30'))).toThrow(DerError);
    expect(() => readNode(bytes('3085 0000000001 00'))).toThrow(DerError);
    expect(() => readRoot(bytes('0480 0000'))).toThrow(DerError); // indefinite primitive
  });
});
