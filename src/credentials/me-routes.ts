import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth/index.ts';
import {
  certificateInfoSchema,
  changePinRequestSchema,
  confirmRequestSchema,
  deviceAnswerSchema,
  deviceKeyRequestSchema,
  enrollRequestSchema,
  enrollResponseSchema,
  idParamsSchema,
  importOwnP12Schema,
  signatureRequestedSchema,
  signingStatusSchema,
} from '../contract/credentials.ts';
import { problemResponses } from '../errors/index.ts';
import type { Credentials } from './credentials-service.ts';

// The signer's own key custody under /api/me/signing: thin adapters over the service.

/** Ten tries a minute per account on routes that check a PIN or a code (besides the 5-attempt lock). */
const guessLimit = { max: 10, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => req.principal?.id ?? req.ip };

export async function meSigningRoutes(app: FastifyInstance, { credentials }: { credentials: Credentials }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['signing'];

  r.get(
    '/api/me/signing',
    { schema: { tags, summary: 'My signing set-up: enrolment, lock, certificates, tablet keys', response: { 200: signingStatusSchema, ...problemResponses(401) } } },
    async (request) => credentials.status(principalOf(request).id),
  );

  r.post(
    '/api/me/signing/enroll',
    {
      config: { rateLimit: guessLimit },
      schema: {
        tags,
        summary: 'Set the signing PIN; returns a new TOTP secret (base32, SHA-1, 6 digits, 30 s) to confirm with a code',
        description: 'Issues the user’s signing certificate from the configured CA when he has none.',
        body: enrollRequestSchema,
        response: { 200: enrollResponseSchema, ...problemResponses(400, 401, 409, 429) },
      },
    },
    async (request) => credentials.enroll({ userId: principalOf(request).id, pin: request.body.pin }),
  );

  r.post(
    '/api/me/signing/confirm',
    {
      config: { rateLimit: guessLimit },
      schema: {
        tags,
        summary: 'Activate signing with the first code from the authenticator app',
        body: confirmRequestSchema,
        response: { 200: signingStatusSchema, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request) => {
      const userId = principalOf(request).id;
      await credentials.confirm({ userId, code: request.body.code });
      return credentials.status(userId);
    },
  );

  r.post(
    '/api/me/signing/pin',
    {
      config: { rateLimit: guessLimit },
      schema: {
        tags,
        summary: 'Change the signing PIN (the key is re-encrypted under the new one)',
        body: changePinRequestSchema,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 409, 423, 429) },
      },
    },
    async (request, reply) => {
      await credentials.changePin({ userId: principalOf(request).id, ...request.body });
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/me/signing/import',
    {
      config: { rateLimit: guessLimit },
      bodyLimit: 300_000,
      schema: {
        tags,
        summary: 'Replace my personal key with a .p12 from a real CA, protected by my signing PIN',
        body: importOwnP12Schema,
        response: { 201: certificateInfoSchema, ...problemResponses(400, 401, 403, 409, 422, 423, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await credentials.importOwn({ userId: principalOf(request).id, ...request.body })),
  );

  r.post(
    '/api/me/signing/device-keys',
    {
      config: { rateLimit: guessLimit },
      schema: {
        tags,
        summary: 'Certify a key made on this tablet (PKCS #10 CSR); the subject is set by the server',
        body: deviceKeyRequestSchema,
        response: { 201: certificateInfoSchema, ...problemResponses(400, 401, 403, 409, 422, 423, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await credentials.registerDeviceKey({ userId: principalOf(request).id, ...request.body })),
  );

  r.delete(
    '/api/me/signing/device-keys/:id',
    {
      schema: { tags, summary: 'Retire a tablet key', params: idParamsSchema, response: { 204: z.null(), ...problemResponses(401, 404) } },
    },
    async (request, reply) => {
      const retired = await credentials.retireDeviceKey({ userId: principalOf(request).id, credentialId: request.params.id });
      if (!retired) return reply.callNotFound();
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/me/signing/device-requests',
    {
      schema: {
        tags,
        summary: 'Signing requests still waiting for one of my tablets (those pushed before it connected)',
        response: { 200: z.array(signatureRequestedSchema), ...problemResponses(401) },
      },
    },
    async (request) => credentials.pendingDeviceRequests(principalOf(request).id),
  );

  r.post(
    '/api/me/signing/device-requests/:id',
    {
      schema: {
        tags,
        summary: 'The tablet’s signature (or refusal) for a signing request',
        params: idParamsSchema,
        body: deviceAnswerSchema,
        response: { 204: z.null(), ...problemResponses(400, 401, 404, 422) },
      },
    },
    async (request, reply) => {
      await credentials.answerDeviceRequest({ userId: principalOf(request).id, requestId: request.params.id, answer: request.body });
      return reply.code(204).send(null);
    },
  );
}
