// RFC 8785 (JCS) as the audit hash uses it, checked against the RFC's own examples, and the
// checks that keep details exactly as a jsonb column gives them back.
import { describe, expect, it } from 'vitest';
import { AuditInputError, auditableDetails, MAX_DETAILS_BYTES } from '../../src/audit/auditable-json.ts';
import { canonicalJson } from '../../src/audit/canonical-json.ts';
import type { AuditJson } from '../../src/contract/audit.ts';

describe('canonicalJson (RFC 8785)', () => {
  it('serialises the §3.2.2 example: numbers as ECMAScript writes them, strings escaped minimally', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    expect(canonicalJson(JSON.parse(input) as AuditJson)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts members by UTF-16 code units (§3.2.3 example), recursively, without whitespace', () => {
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    const keys = Object.keys(JSON.parse(canonicalJson(input)) as object);
    // JSON.parse puts the integer-like key first; compare the text's order instead.
    const order = [...canonicalJson(input).matchAll(/"([^"]*)":"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(order).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
    expect(keys).toHaveLength(7);
    expect(canonicalJson({ b: [{ z: 1, a: 2 }], a: { y: null, x: true } })).toBe('{"a":{"x":true,"y":null},"b":[{"a":2,"z":1}]}');
  });
});

describe('auditableDetails', () => {
  it('keeps JSON as jsonb gives it back: undefined members dropped, -0 as 0', () => {
    expect(auditableDetails({ a: 1, b: undefined, c: -0, d: [true, null, 'x'], e: { f: 'ư' } })).toEqual({ a: 1, c: 0, d: [true, null, 'x'], e: { f: 'ư' } });
    expect(Object.is(auditableDetails({ z: -0 }).z, 0)).toBe(true);
    expect(auditableDetails(undefined)).toEqual({});
  });

  it('keeps a "__proto__" member as data', () => {
    const parsed = JSON.parse('{"__proto__":{"x":1}}') as Record<string, unknown>;
    const out = auditableDetails(parsed);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(canonicalJson(out)).toBe('{"__proto__":{"x":1}}');
  });

  it.each([
    ['NaN', { n: Number.NaN }, /finite/],
    ['Infinity', { n: Number.POSITIVE_INFINITY }, /finite/],
    ['U+0000', { s: 'a\u0000b' }, /U\+0000/],
    ['a lone surrogate', { s: '\ud800' }, /surrogate/],
    ['a lone surrogate in a key', { ['\udc00']: 1 }, /surrogate/],
    ['undefined in an array', { a: [1, undefined] }, /undefined/],
    ['a Date', { d: new Date(0) }, /a Date/],
    ['a bigint', { b: 1n }, /bigint/],
    ['a Map', { m: new Map() }, /Map/],
  ])('refuses %s', (_name, details, message) => {
    expect(() => auditableDetails(details as Record<string, unknown>)).toThrow(AuditInputError);
    expect(() => auditableDetails(details as Record<string, unknown>)).toThrow(message);
  });

  it('refuses details over the size limit and nesting too deep', () => {
    expect(() => auditableDetails({ s: 'x'.repeat(MAX_DETAILS_BYTES) })).toThrow(/over 4096/);
    // Multi-byte characters count as their UTF-8 bytes.
    expect(() => auditableDetails({ s: 'ư'.repeat(MAX_DETAILS_BYTES / 2) })).toThrow(/over 4096/);
    expect(auditableDetails({ s: 'x'.repeat(MAX_DETAILS_BYTES - 8) })).toBeDefined();
    expect(() => auditableDetails({ a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } })).toThrow(/deeper/);
  });
});
