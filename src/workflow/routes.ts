// The workflow's HTTP surface: thin adapters that validate, check role and scope, call the
// use case and answer the contract's shapes (src/contract/workflow.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../audit/index.ts';
import { principalOf, type Principal } from '../auth/index.ts';
import { documentIdParamsSchema } from '../contract/documents.ts';
import {
  batchResponseSchema,
  batchSignRequestSchema,
  draftsSchema,
  inboxSchema,
  rejectRequestSchema,
  routeDefinitionSchema,
  routeViewSchema,
  signRequestSchema,
  signResponseSchema,
  verificationQuerySchema,
  verificationResponseSchema,
} from '../contract/workflow.ts';
import { readableDocument, type DocumentReaders, type StoredDocument } from '../documents/index.ts';
import { AppError, pickLang, problemResponses } from '../errors/index.ts';
import { batchSign } from './batch-sign.ts';
import { defineRoute } from './define-route.ts';
import type { WorkflowDeps } from './deps.ts';
import { draftsOf } from './drafts.ts';
import { inboxOf } from './inbox.ts';
import { rejectDocument } from './reject-document.ts';
import { latestRouteOf } from './route-queries.ts';
import { toRouteView } from './route-view.ts';
import { signInContext } from './sign-document.ts';
import { signingContextOf } from './signing-context.ts';
import { verifyAndRecord } from './verify-document.ts';

export interface WorkflowRoutesOptions {
  deps: WorkflowDeps;
  readers: DocumentReaders;
  /** Batch items signed at once (the pool's size keeps the workers busy). */
  batchConcurrency: number;
}

/** Ten tries a minute per account on routes that check a PIN or a code (besides the 5-attempt lock). */
const guessLimit = { max: 10, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => req.principal?.id ?? req.ip };

export async function workflowRoutes(app: FastifyInstance, { deps, readers, batchConcurrency }: WorkflowRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['workflow'];
  const { db, store } = deps;

  const readable = (principal: Principal, id: string): Promise<StoredDocument> => readableDocument(db, store, readers, principal, id);

  r.post(
    '/api/documents/:id/route',
    {
      schema: {
        tags,
        summary: 'Define the document’s signing route (a clerk or leader of its unit): ordered steps of usernames',
        params: documentIdParamsSchema,
        body: routeDefinitionSchema,
        response: { 201: routeViewSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const view = await defineRoute(deps, { principal: principalOf(request), documentId: request.params.id, definition: request.body });
      return reply.code(201).send(view);
    },
  );

  r.post(
    '/api/documents/:id/sign',
    {
      config: { rateLimit: guessLimit },
      schema: {
        tags,
        summary: 'Sign (or seal) the current version as a pending signer of the active step: one PIN + one fresh code',
        params: documentIdParamsSchema,
        body: signRequestSchema,
        response: { 200: signResponseSchema, ...problemResponses(400, 401, 403, 404, 409, 422, 423) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { pin, code, page, rect, number, key } = request.body;
      const documentId = request.params.id;
      // Not found and not your step are answered before the PIN is checked: a stranger's PIN
      // attempts count for nothing.
      const context = await signingContextOf(deps.db, principal.id, documentId);
      const act = await deps.credentials.openAct(await deps.credentials.authoriseAct({ userId: principal.id, pin, code, documents: [documentId] }));
      try {
        return await signInContext(deps, { userId: principal.id, unitId: principal.unit.id, documentId, act, placement: { page, rect }, number, key }, context);
      } finally {
        act.close();
      }
    },
  );

  r.post(
    '/api/documents/:id/reject',
    {
      schema: {
        tags,
        summary: 'Refuse to sign, with a reason: the route stops and the drafter is told',
        params: documentIdParamsSchema,
        body: rejectRequestSchema,
        response: { 200: routeViewSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const doc = await store.get(db, request.params.id);
      if (!doc) throw new AppError('document.not_found');
      await rejectDocument(deps, { userId: principal.id, unitId: principal.unit.id, documentId: doc.id, reason: request.body.reason });
      const loaded = await latestRouteOf(db, doc.id);
      if (!loaded) throw new Error('the rejected route is gone');
      return toRouteView(db, loaded, doc.ownerUnitId, deps.clock());
    },
  );

  r.get(
    '/api/me/inbox',
    { schema: { tags, summary: 'Documents waiting for my signature (their active step lists me as pending), oldest first', response: { 200: inboxSchema, ...problemResponses(401) } } },
    async (request) => ({ items: await inboxOf(db, principalOf(request).id, deps.clock()) }),
  );

  r.get(
    '/api/me/drafts',
    { schema: { tags, summary: 'Documents whose route I drafted, newest route first (100 at most): the step each waits at and for whom, done, or refused and why', response: { 200: draftsSchema, ...problemResponses(401) } } },
    async (request) => ({ items: await draftsOf(db, principalOf(request).id, deps.clock()) }),
  );

  r.post(
    '/api/me/signing/batch',
    {
      config: { rateLimit: guessLimit },
      schema: {
        tags,
        summary: 'Sign many documents under one PIN + one code; per-item results, progress pushed as signing.progress',
        body: batchSignRequestSchema,
        response: { 200: batchResponseSchema, ...problemResponses(400, 401, 403, 409, 423) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return batchSign(deps, {
        userId: principal.id,
        unitId: principal.unit.id,
        request: request.body,
        concurrency: batchConcurrency,
        lang: pickLang(request.headers['accept-language']),
      });
    },
  );

  r.get(
    '/api/documents/:id/verification',
    {
      schema: {
        tags,
        summary: 'Verify the current (or ?version=) version: the JSON of `ecabinet verify --json`, trusting the configured anchors',
        params: documentIdParamsSchema,
        querystring: verificationQuerySchema,
        response: { 200: verificationResponseSchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const doc = await readable(principal, request.params.id);
      const version = request.query.version ?? doc.currentVersion;
      const row = doc.versions.find((v) => v.version === version);
      if (!row) throw new AppError('document.not_found');
      return verifyAndRecord(deps, { actor: actorOf(principal), path: store.fileOf(row), documentId: doc.id, version });
    },
  );

  r.post(
    '/api/verification',
    {
      schema: {
        tags,
        summary: 'Verify an uploaded PDF (multipart field `file`); nothing is stored',
        consumes: ['multipart/form-data'],
        response: { 200: verificationResponseSchema, ...problemResponses(400, 401, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return store.withUpload(request, reply, async (upload) =>
        verifyAndRecord(deps, { actor: actorOf(principal), path: upload.file.tempPath }),
      );
    },
  );
}
