import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthSchema } from '../contract/health.ts';
import { AppError } from '../errors/index.ts';
import type { Metrics } from './metrics.ts';

export interface HealthRoutesOptions {
  ping: () => Promise<void>;
  metrics: Metrics;
  metricsToken: string | undefined;
}

export async function healthRoutes(app: FastifyInstance, opts: HealthRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

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
      if (opts.metricsToken && request.headers.authorization !== `Bearer ${opts.metricsToken}`) {
        throw new AppError('metrics.unauthorized');
      }
      reply.type(opts.metrics.registry.contentType);
      return opts.metrics.registry.metrics();
    },
  );
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
