// What a signature needs to know before the PDF is signed — the document at its current
// version, the active step naming the signer as pending, the signer's account and units — read
// for a batch in four queries per slice of documents (and the signer's account once) instead of
// six per document. It may be stale by the time a document is stored; the store's transaction
// checks again what matters (the version built on is still current, the signer still pending,
// the route still active), so a stale read can only end in a refusal, never in a wrong signature.
import { getAccounts } from '../auth/index.ts';
import { documentsAtCurrent, type DocumentRow, type DocumentVersionRow } from '../documents/index.ts';
import { AppError } from '../errors/index.ts';
import { getUnits, type UnitWithPath } from '../org/index.ts';
import type { Tx } from '../db/index.ts';
import { activeStepsOf, type ActiveStep } from './route-queries.ts';

export interface SigningContext extends ActiveStep {
  document: DocumentRow;
  current: DocumentVersionRow;
  signer: Awaited<ReturnType<typeof getAccounts>>[number];
  ownerUnit: UnitWithPath;
  signerUnit: UnitWithPath;
}

/**
 * A slice's documents are read together. A hundred at once made each statement's result so
 * large that reading it held the event loop 8–11 ms at a batch's start (BENCHMARKS.md, batch
 * signing); in slices of 25 each statement takes about a quarter of that.
 */
export const CONTEXT_SLICE = 25;

/** Per document id: its context, or the refusal (document.not_found, signing.not_your_step). */
export async function signingContexts(db: Tx, userId: string, documentIds: readonly string[], slice = CONTEXT_SLICE): Promise<Map<string, SigningContext | AppError>> {
  const [signer] = await getAccounts(db, [userId]);
  if (!signer) throw new Error(`signer ${userId} vanished`);
  const contexts = new Map<string, SigningContext | AppError>();
  for (let at = 0; at < documentIds.length; at += slice) {
    for (const [id, context] of await contextsOfSlice(db, signer, documentIds.slice(at, at + slice))) contexts.set(id, context);
  }
  return contexts;
}

async function contextsOfSlice(db: Tx, signer: SigningContext['signer'], documentIds: readonly string[]): Promise<Map<string, SigningContext | AppError>> {
  const userId = signer.id;
  const [found, steps] = await Promise.all([documentsAtCurrent(db, documentIds), activeStepsOf(db, documentIds)]);
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
export async function signingContextOf(db: Tx, userId: string, documentId: string): Promise<SigningContext> {
  const context = (await signingContexts(db, userId, [documentId])).get(documentId);
  if (!context || context instanceof AppError) throw context ?? new AppError('document.not_found');
  return context;
}
