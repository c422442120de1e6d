// The iterative object scan (src/signing/pdf/object-scan.ts) that judges every object before
// pdf-lib parses it: where values and streams end, references and the keys they sit under,
// nesting depth, and the refusals (too deep, unterminated) — ISO 32000-1 §7.2, §7.3.
import { describe, expect, it } from 'vitest';
import { SigningError } from '../../src/signing/errors.ts';
import { scanDirect, scanIndirectBody } from '../../src/signing/pdf/object-scan.ts';
import { fromLatin1 } from '../helpers/pdf-fixtures.ts';

const scan = (s: string) => scanDirect(fromLatin1(s), 0);

describe('object scan', () => {
  it('finds references, the top-level key each sits under, and its depth', () => {
    const r = scan('<< /Type /Page /Parent 3 0 R /Kids [4 0 R 5 0 R] /Res << /F 7 0 R >> /A (x 9 0 R) /B <00> >>');
    expect(r).toMatchObject({ type: 'Page', depth: 2, refs: [3, 4, 5, 7], refKeys: ['Parent', 'Kids', 'Kids', 'Res'], refDepths: [1, 2, 2, 2] });
    expect(scan('12 0 R')).toMatchObject({ refs: [12], valueEnd: 6 });
    expect(scan('[1 2 [3 0 R]]')).toMatchObject({ refs: [3], depth: 2 });
    // A comment between the parts of a reference (§7.2.3 makes it white space), as pdf-lib reads it.
    expect(scan('<< /A 1 %note\n 0 R >>').refs).toEqual([1]);
  });

  it('decodes #xx in keys the way pdf-lib does, so /Kid#73 is /Kids', () => {
    expect(scan('<< /Ty#70e /Pages /Kid#73 [1 0 R] >>')).toMatchObject({ type: 'Pages', refKeys: ['Kids'] });
  });

  it('skips strings with escapes and nested parentheses, and comments', () => {
    const s = '[(a(b)c\\)) % ] not the end\n 5 0 R]';
    expect(scan(s)).toMatchObject({ valueEnd: s.length, refs: [5] });
  });

  it('ends a stream by /Length when endstream follows, else at the next endstream', () => {
    const bytes = fromLatin1('<< /Length 5 >>\nstream\nabcde\nendstream\nendobj\n<< /Length 99 >>\nstream\r\nxyz\r\nendstream endobj');
    const first = scanIndirectBody(bytes, 0);
    expect(first.stream).toEqual({ start: 23, end: 28 });
    expect(first.end).toBe(first.stream ? bytes.indexOf(0x65, 28) + 'endstream\nendobj'.length : 0);
    const second = scanIndirectBody(bytes, first.end);
    expect(Buffer.from(bytes.subarray(second.stream?.start, second.stream?.end)).toString()).toBe('xyz');
    // An indirect /Length is resolved through the caller; a wrong one falls back the same way.
    const indirect = fromLatin1('<< /Length 8 0 R >>\nstream\nabc\nendstream');
    expect(scanIndirectBody(indirect, 0, { resolveLength: () => 3 }).stream).toEqual({ start: 27, end: 30 });
    expect(scanIndirectBody(indirect, 0, { resolveLength: () => 1000 }).stream).toEqual({ start: 27, end: 30 });
  });

  it('refuses nesting past 256 levels as pdf.too_complex without recursing', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const err = (() => {
      try {
        scan(deep);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(SigningError);
    expect((err as SigningError).code).toBe('pdf.too_complex');
    expect(scan(`${'['.repeat(256)}${']'.repeat(256)}`).depth).toBe(256);
  });

  it('stops at a keyword an unterminated value cannot contain, not at the end of the file', () => {
    expect(() => scan('<< /A [1 2\nendobj\n9 0 obj << >> endobj')).toThrow(/unterminated object before the keyword at 11/);
    expect(() => scan('<< /A (never closed')).toThrow(/unterminated string/);
    expect(() => scan('<< /A 1 ) >>')).toThrow(/unexpected delimiter/);
  });
});
