import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError, pickLang, problemMessage } from '../../src/errors/app-error.ts';
import { catalogue } from '../../src/errors/catalogue.ts';
import { problemPlugin } from '../../src/errors/index.ts';
import { SIGNING_ERROR_CODES, SigningError } from '../../src/signing/errors.ts';

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

  it('has every code of the signing engine', () => {
    expect(SIGNING_ERROR_CODES.filter((code) => !(code in catalogue))).toEqual([]);
  });

  it('answers a SigningError that reaches HTTP with its own code, status and message', async () => {
    const app = Fastify();
    await app.register(problemPlugin);
    app.get('/sign', async () => {
      throw new SigningError('pdf.encrypted', 'the PDF is encrypted (/Encrypt in the trailer)');
    });
    const res = await app.inject({ url: '/sign', headers: { 'accept-language': 'en' } });
    await app.close();
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toEqual({
      type: 'urn:ecabinet:problem:pdf.encrypted',
      title: catalogue['pdf.encrypted'].en,
      status: 422,
      code: 'pdf.encrypted',
      detail: 'the PDF is encrypted (/Encrypt in the trailer)',
    });
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
