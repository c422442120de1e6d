import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthSchema } from '../contract/health.ts';
import { AppError } from '../errors/index.ts';
import type { Metrics } from './metrics.ts';

export interface HealthRoutesOptions {
  ping: () => Promise<void>;
  metrics: Metrics;
  metricsToken: string | undefined;
  /**
   * NODE_ENV=production: /metrics always needs a token, and without METRICS_TOKEN it answers
   * 401 to everyone (the server still starts: monitoring is optional, leaking it is not).
   */
  production: boolean;
}

export async function healthRoutes(app: FastifyInstance, opts: HealthRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const closed = opts.production && opts.metricsToken === undefined;
  if (closed) app.log.warn('METRICS_TOKEN is not set: /metrics answers 401 in production until it is');

  r.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: '200 when the database answers, 503 otherwise',
        response: { 200: healthSchema },
      },
    },
    async (request) => {
      try {
        await withTimeout(opts.ping(), 2_000);
      } catch (err) {
        request.log.warn({ err }, 'healthz: database did not answer');
        throw new AppError('service_unavailable', { extra: { detail: 'database' } });
      }
      return { status: 'ok' as const };
    },
  );

  r.get(
    '/metrics',
    { config: { public: true }, schema: { tags: ['health'], summary: 'Prometheus metrics (text format)', hide: false } },
    async (request, reply) => {
      if (closed || (opts.metricsToken !== undefined && !isBearer(request.headers.authorization, opts.metricsToken))) {
        throw new AppError('metrics.unauthorized');
      }
      reply.type(opts.metrics.registry.contentType);
      return opts.metrics.registry.metrics();
    },
  );
}

/** Compares in constant time, so response timing does not reveal the token byte by byte. */
function isBearer(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
