import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DevAuthority } from './dev-authority.ts';

// Public endpoints of the development PKI: relying parties (pdfsig, Acrobat, our verifier) fetch
// CA certificates and the CRL without a session, and signers reach the TSA (RFC 3161 §3.4).
export async function devPkiRoutes(app: FastifyInstance, { authority }: { authority: DevAuthority }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser('application/timestamp-query', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  r.get('/pki/root-ca.pem', { config: { public: true }, schema: { tags: ['pki'], summary: 'Development root CA (PEM)' } }, async (_req, reply) =>
    reply.type('application/x-pem-file').send(authority.rootPem),
  );
  r.get('/pki/ca-chain.pem', { config: { public: true }, schema: { tags: ['pki'], summary: 'Issuing CA then root CA (PEM)' } }, async (_req, reply) =>
    reply.type('application/x-pem-file').send(authority.chainPem),
  );
  r.get('/pki/issuing-ca.crl', { config: { public: true }, schema: { tags: ['pki'], summary: 'CRL of the development issuing CA (DER)' } }, async (_req, reply) =>
    reply.type('application/pkix-crl').send(Buffer.from(authority.crlDer)),
  );
  r.post(
    '/tsa',
    {
      config: { public: true },
      schema: {
        tags: ['pki'],
        summary: 'Development timestamp authority (RFC 3161 over HTTP)',
        consumes: ['application/timestamp-query'],
        body: z.instanceof(Buffer),
      },
    },
    async (request, reply) => {
      const response = await authority.tsa.respond(new Uint8Array(request.body));
      return reply.type('application/timestamp-reply').send(Buffer.from(response));
    },
  );
}
