// Small pieces of the PDF layer: dates (§7.9.4), DER lengths, and the layering rule.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { berLength } from '../../src/signing/pdf/der-length.ts';
import { formatPdfDate, parsePdfDate, VIETNAM_OFFSET_MINUTES } from '../../src/signing/pdf/index.ts';

describe('PDF dates', () => {
  const t = new Date('2025-12-31T20:30:15Z');

  it('formats at an explicit offset', () => {
    expect(formatPdfDate(t, { offsetMinutes: VIETNAM_OFFSET_MINUTES })).toBe("D:20260101033015+07'00'");
    expect(formatPdfDate(t)).toBe('D:20251231203015Z');
    expect(formatPdfDate(t, { offsetMinutes: -150 })).toBe("D:20251231180015-02'30'");
  });

  it('round-trips', () => {
    for (const offsetMinutes of [0, 420, -300, 345]) expect(parsePdfDate(formatPdfDate(t, { offsetMinutes }))?.getTime()).toBe(t.getTime());
  });

  it.each([
    ["D:20240131170000+07'00'", '2024-01-31T10:00:00.000Z'],
    ["D:20240131170000+07'00", '2024-01-31T10:00:00.000Z'],
    ['D:20240131170000+0700', '2024-01-31T10:00:00.000Z'],
    ['D:20240131100000Z', '2024-01-31T10:00:00.000Z'],
    ["D:20240131100000Z00'00'", '2024-01-31T10:00:00.000Z'],
    ['D:2024', '2024-01-01T00:00:00.000Z'],
    ['20240131', '2024-01-31T00:00:00.000Z'],
    ["D:20240131050000-05'00'", '2024-01-31T10:00:00.000Z'],
  ])('parses %s', (text, iso) => {
    expect(parsePdfDate(text)?.toISOString()).toBe(iso);
  });

  it.each(['', 'D:', 'D:2024133', 'D:20240230', 'D:20240131250000', 'yesterday', "D:20240131170000+25'00'"])('rejects %j', (text) => {
    expect(parsePdfDate(text)).toBeUndefined();
  });
});

describe('berLength', () => {
  it('reads short, long and indefinite forms', () => {
    expect(berLength(new Uint8Array([0x30, 0x02, 0x05, 0x00, 0, 0, 0]))).toBe(4);
    expect(berLength(new Uint8Array([0x30, 0x81, 0x01, 0x00, 0]))).toBe(4);
    expect(berLength(new Uint8Array([0x30, 0x80, 0x04, 0x01, 0xaa, 0x00, 0x00, 0, 0]))).toBe(7);
  });

  it('rejects truncated or nonsensical encodings', () => {
    expect(berLength(new Uint8Array([0x30, 0x05, 1]))).toBeUndefined();
    expect(berLength(new Uint8Array([0x30, 0x80, 0x04, 0x01]))).toBeUndefined();
    expect(berLength(new Uint8Array([0x04, 0x80, 0, 0]))).toBeUndefined();
    expect(berLength(new Uint8Array(0))).toBeUndefined();
  });
});

describe('layering', () => {
  it('the PDF layer imports nothing from cms/, signers/, timestamp/ or appearance/', () => {
    const dir = join(import.meta.dirname, '../../src/signing/pdf');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/from '\.\.\/(cms|signers|timestamp|appearance)\//);
      expect(text, file).not.toMatch(/from '(fastify|drizzle-orm|postgres|@electric-sql)/);
    }
  });
});
