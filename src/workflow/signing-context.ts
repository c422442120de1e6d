// What a signature needs to know before the PDF is signed — the document at its current
// version, the active step naming the signer as pending, the signer's account and units — read
// for a whole batch in five queries instead of six per document. It may be stale by the time a
// document is stored; the store's transaction checks again what matters (the version built on
// is still current, the signer still pending, the route still active), so a stale read can only
// end in a refusal, never in a wrong signature.
import { getAccounts } from '../auth/index.ts';
import { documentsAtCurrent, type DocumentRow, type DocumentVersionRow } from '../documents/index.ts';
import { AppError } from '../errors/index.ts';
import { getUnits, type UnitWithPath } from '../org/index.ts';
import type { WorkflowDeps } from './deps.ts';
import { activeStepsOf, type ActiveStep } from './route-queries.ts';

export interface SigningContext extends ActiveStep {
  document: DocumentRow;
  current: DocumentVersionRow;
  signer: Awaited<ReturnType<typeof getAccounts>>[number];
  ownerUnit: UnitWithPath;
  signerUnit: UnitWithPath;
}

/** Per document id: its context, or the refusal (document.not_found, signing.not_your_step). */
export async function signingContexts(deps: WorkflowDeps, userId: string, documentIds: readonly string[]): Promise<Map<string, SigningContext | AppError>> {
  const { db } = deps;
  const [found, steps, [signer]] = await Promise.all([documentsAtCurrent(db, documentIds), activeStepsOf(db, documentIds), getAccounts(db, [userId])]);
  if (!signer) throw new Error(`signer ${userId} vanished`);
  const units = new Map((await getUnits(db, [signer.unitId, ...found.map((f) => f.document.ownerUnitId)])).map((u) => [u.id, u]));
  const byId = new Map(found.map((f) => [f.document.id, f]));
  const contexts = new Map<string, SigningContext | AppError>();
  for (const id of documentIds) {
    const at = byId.get(id);
    if (!at) {
      contexts.set(id, new AppError('document.not_found'));
      continue;
    }
    const active = steps.get(id);
    if (active?.signers.find((s) => s.userId === userId)?.status !== 'pending') {
      contexts.set(id, new AppError('signing.not_your_step'));
      continue;
    }
    const ownerUnit = units.get(at.document.ownerUnitId);
    const signerUnit = units.get(signer.unitId);
    if (!ownerUnit || !signerUnit) throw new Error('a unit vanished');
    contexts.set(id, { ...active, document: at.document, current: at.current, signer, ownerUnit, signerUnit });
  }
  return contexts;
}

/** One document's context, or its refusal thrown (document.not_found, signing.not_your_step). */
export async function signingContextOf(deps: WorkflowDeps, userId: string, documentId: string): Promise<SigningContext> {
  const context = (await signingContexts(deps, userId, [documentId])).get(documentId);
  if (!context || context instanceof AppError) throw context ?? new AppError('document.not_found');
  return context;
}
