import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

// The root certificates relying parties should trust for our signatures (pdfsig's NSS database,
// Acrobat's trusted identities, `openssl cms -verify -CAfile`): public, no session.
export async function trustAnchorRoutes(app: FastifyInstance, { pem }: { pem: string }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/pki/trust-anchors',
    {
      config: { public: true },
      schema: {
        tags: ['pki'],
        summary: 'PEM of the configured root certificates (the development root, plus TRUST_ANCHORS_FILE)',
        produces: ['application/x-pem-file'],
        response: { 200: z.string() },
      },
    },
    async (_request, reply) => reply.type('application/x-pem-file').send(pem),
  );
}
