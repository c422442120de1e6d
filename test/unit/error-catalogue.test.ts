import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, pickLang, problemMessage } from '../../src/errors/app-error.ts';
import { catalogue } from '../../src/errors/catalogue.ts';

describe('error catalogue', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const documented = new Map(
    [...doc.matchAll(/^\| `([^`]+)` \| (\d{3}) \|/gm)].map((m) => [m[1] as string, Number(m[2])]),
  );

  it('documents every code with its status, and nothing else', () => {
    expect(Object.fromEntries(documented)).toEqual(
      Object.fromEntries(Object.entries(catalogue).map(([code, e]) => [code, e.status])),
    );
  });

  it('has a Vietnamese and an English message for every code, with the same placeholders', () => {
    for (const [code, e] of Object.entries(catalogue)) {
      expect(e.vi.length, code).toBeGreaterThan(5);
      expect(e.en.length, code).toBeGreaterThan(5);
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(e.vi), code).toEqual(holes(e.en));
    }
  });

  it('fills placeholders and picks the language from Accept-Language', () => {
    expect(problemMessage('rate_limited', 'en', { seconds: 42 })).toBe('Too many requests. Please try again in 42 seconds.');
    expect(pickLang('en-US,en;q=0.9')).toBe('en');
    expect(pickLang('vi-VN')).toBe('vi');
    expect(pickLang(undefined)).toBe('vi');
    expect(new AppError('auth.forbidden_scope').status).toBe(403);
  });
});
