import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { problemPlugin } from '../../src/errors/index.ts';
import { createMetrics, healthRoutes } from '../../src/health/index.ts';
import { securityHeadersPlugin } from '../../src/http/index.ts';

// Security headers and the metrics token (issue 9.10), each plugin on its own.

async function withHeaders(publicUrl: string) {
  const app = Fastify();
  await app.register(problemPlugin);
  await app.register(securityHeadersPlugin, { publicUrl });
  app.get('/page', async (_req, reply) => reply.type('text/html').send('<!doctype html>'));
  const res = await app.inject({ url: '/page' });
  const missing = await app.inject({ url: '/nothing' });
  await app.close();
  return { headers: res.headers, missing: missing.headers };
}

describe('security headers', () => {
  it('a strict CSP, nosniff, no framing, same-origin referrers, on pages and errors alike', async () => {
    const { headers, missing } = await withHeaders('http://192.168.1.10:3000');
    for (const h of [headers, missing]) {
      const csp = String(h['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toMatch(/'unsafe-eval'/);
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['x-frame-options']).toBe('DENY');
      expect(h['referrer-policy']).toBe('same-origin');
    }
  });

  it('HSTS and upgrade-insecure-requests only when PUBLIC_URL is https', async () => {
    const plain = await withHeaders('http://192.168.1.10:3000');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(String(plain.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    const secure = await withHeaders('https://ecabinet.hanoi.gov.vn');
    expect(secure.headers['strict-transport-security']).toBe('max-age=15552000');
    expect(String(secure.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });
});

describe('/metrics', () => {
  async function metricsStatus(o: { production: boolean; token?: string; authorization?: string }) {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(problemPlugin);
    await app.register(healthRoutes, { ping: async () => {}, metrics: createMetrics(), metricsToken: o.token, production: o.production });
    const res = await app.inject({ url: '/metrics', headers: o.authorization ? { authorization: o.authorization } : {} });
    await app.close();
    return { status: res.statusCode, code: res.statusCode === 200 ? undefined : (res.json() as { code: string }).code };
  }
  const token = 'a-long-enough-metrics-token';

  it('needs its token whenever one is set', async () => {
    expect(await metricsStatus({ production: false, token })).toEqual({ status: 401, code: 'metrics.unauthorized' });
    expect(await metricsStatus({ production: false, token, authorization: `Bearer ${token}x` })).toMatchObject({ status: 401 });
    expect(await metricsStatus({ production: false, token, authorization: `Bearer ${token}` })).toMatchObject({ status: 200 });
  });

  it('in production answers 401 to everyone until METRICS_TOKEN is set', async () => {
    expect(await metricsStatus({ production: true })).toEqual({ status: 401, code: 'metrics.unauthorized' });
    expect(await metricsStatus({ production: true, authorization: 'Bearer ' })).toMatchObject({ status: 401 });
    expect(await metricsStatus({ production: true, token, authorization: `Bearer ${token}` })).toMatchObject({ status: 200 });
    // Development without a token stays open, for a local Prometheus.
    expect(await metricsStatus({ production: false })).toMatchObject({ status: 200 });
  });
});
