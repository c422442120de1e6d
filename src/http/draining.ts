import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors/index.ts';

/**
 * Once the server is stopping, a request that arrives (a keep-alive connection's next one)
 * answers 503 problem+json with `Connection: close`, so the client or load balancer retries
 * elsewhere. Replaces Fastify's return503OnClosing, whose answer is not problem+json; register it
 * before any other onRequest hook.
 */
export const drainingPlugin = fp(async (app: FastifyInstance) => {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!draining) return;
    reply.header('connection', 'close');
    throw new AppError('service_unavailable', { extra: { detail: 'the server is restarting' } });
  });
});
