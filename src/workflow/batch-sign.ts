// `POST /api/me/signing/batch`: one PIN and one code for many documents (issue 11.3), each then
// signed like /sign. Items run a few at a time so the pool's workers stay busy while the event
// loop stores the previous results; each item's outcome is reported, and pushed as progress.
import type { BatchItemResult, BatchResponse, BatchSignRequest } from '../contract/workflow.ts';
import { AppError, problemMessage, type Lang } from '../errors/index.ts';
import { SigningError } from '../signing/index.ts';
import type { WorkflowDeps } from './deps.ts';
import type { OpenedAct } from '../credentials/index.ts';
import { signInContext } from './sign-document.ts';
import { signingContexts, type SigningContext } from './signing-context.ts';

export async function batchSign(deps: WorkflowDeps, o: { userId: string; unitId: string; request: BatchSignRequest; concurrency: number; lang: Lang }): Promise<BatchResponse> {
  const { items } = o.request;
  const documentIds = items.map((i) => i.documentId);
  const authorised = await deps.credentials.authoriseAct({ userId: o.userId, pin: o.request.pin, code: o.request.code, documents: documentIds });
  // Everything that does not change from one document to the next is read once: the act's keys,
  // the signer, each document's context (BENCHMARKS.md, batch signing).
  const act = await deps.credentials.openAct(authorised);
  try {
    const contexts = await signingContexts(deps.db, o.userId, documentIds);
    return await signAll(deps, { ...o, act, contexts });
  } finally {
    act.close();
  }
}

async function signAll(
  deps: WorkflowDeps,
  o: { userId: string; unitId: string; request: BatchSignRequest; concurrency: number; lang: Lang; act: OpenedAct; contexts: Map<string, SigningContext | AppError> },
): Promise<BatchResponse> {
  const { items } = o.request;
  const results: BatchItemResult[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const at = next++;
      const item = items[at]!;
      results[at] = await signOne(deps, { ...o, context: o.contexts.get(item.documentId), item, key: o.request.key });
      done++;
      deps.pusher.toUser(o.userId, { method: 'signing.progress', data: { done, total: items.length, documentId: item.documentId, ok: results[at].ok } });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, items.length)) }, worker));
  const signed = results.filter((r) => r.ok).length;
  return { signed, failed: results.length - signed, items: results };
}

async function signOne(
  deps: WorkflowDeps,
  o: {
    userId: string;
    unitId: string;
    lang: Lang;
    act: OpenedAct;
    context: SigningContext | AppError | undefined;
    item: BatchSignRequest['items'][number];
    key: BatchSignRequest['key'];
  },
): Promise<BatchItemResult> {
  const { documentId, page, rect } = o.item;
  try {
    if (!o.context || o.context instanceof AppError) throw o.context ?? new AppError('document.not_found');
    const r = await signInContext(deps, { userId: o.userId, unitId: o.unitId, documentId, act: o.act, placement: { page, rect }, key: o.key }, o.context);
    return { documentId, ok: true, ...r };
  } catch (err) {
    if (err instanceof AppError) return { documentId, ok: false, code: err.code, message: problemMessage(err.code, o.lang, err.params) };
    if (err instanceof SigningError) return { documentId, ok: false, code: err.code, message: err.message };
    throw err;
  }
}
