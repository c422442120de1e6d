import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FieldIssue } from '../contract/problem.ts';
import { SigningError } from '../signing/index.ts';
import { AppError, pickLang } from './app-error.ts';
import type { ProblemCode } from './catalogue.ts';
import { problemBody } from './problem-body.ts';

function sendProblem(request: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const problem = problemBody(err, pickLang(request.headers['accept-language']));
  // A wait the message names is also told to clients that read only headers (RFC 9110 §10.2.3).
  const seconds = err.params.seconds;
  if (typeof seconds === 'number' && (err.status === 429 || err.status === 503)) reply.header('retry-after', String(seconds));
  return reply.code(err.status).type('application/problem+json; charset=utf-8').send(problem);
}

// Fastify's own errors that a client can cause, mapped onto the catalogue.
const FASTIFY_CODES: Record<string, ProblemCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_VALIDATION: 'validation_failed',
  FST_ERR_BAD_URL: 'bad_url',
  FST_ERR_MAX_PARAM_LENGTH: 'uri_too_long',
};

function toAppError(err: FastifyError | Error): AppError {
  if (err instanceof AppError) return err;
  // The signing engine knows nothing of HTTP; its codes are catalogue codes (the type checks it).
  if (err instanceof SigningError) return new AppError(err.code, { extra: { detail: err.message }, cause: err });
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v): FieldIssue => ({
      field: [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? v.keyword,
    }));
    return new AppError('validation_failed', { extra: { errors: issues } });
  }
  const code = 'code' in err && typeof err.code === 'string' ? FASTIFY_CODES[err.code] : undefined;
  if (code) return new AppError(code, { extra: { detail: err.message } });
  const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status === 429) return new AppError('rate_limited', { params: { seconds: 60 } });
  if (status >= 400 && status < 500) return new AppError('bad_request', { extra: { detail: err.message } });
  return new AppError('internal', { cause: err });
}

function answer(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appErr = toAppError(err);
  if (appErr.status >= 500) request.log.error({ err }, 'request failed');
  return sendProblem(request, reply, appErr);
}

/**
 * Fastify's `frameworkErrors` option: errors the router meets before any route or hook runs (a
 * malformed percent-encoding, a path parameter past its length limit) answer like the rest.
 */
export function problemFrameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // No hook runs for these, so helmet's headers are not there: a problem body is never a document.
  reply.header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  void answer(err, request, reply);
}

/** Every error leaves as application/problem+json with a stable code; 5xx are logged, never shown. */
export const problemPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, request, reply) => answer(err, request, reply));
});
