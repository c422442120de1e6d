// Starting a route: the rows, the first step active, its signers told. Used by the HTTP route
// definition (after its role rules) and by the minutes capability for chair → secretary.
import { and, eq } from 'drizzle-orm';
import { recordEvent, type Transaction } from '../audit/index.ts';
import { DEFAULT_DUE_HOURS, type StepKind } from '../contract/workflow.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { Notifier, PendingPush } from '../notifications/index.ts';
import { activateStep } from './step-transitions.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { routeSteps, signingRoutes, stepSigners } from './workflow.table.ts';

export interface StartRouteInput {
  documentId: string;
  /** In order; each with the user ids who must all sign it. */
  steps: ReadonlyArray<{ kind: StepKind; signerIds: readonly string[] }>;
  /** The drafter: told when the route ends or is rejected. */
  createdBy: string;
  /** The unit the drafter acted for, for the audit log. */
  actorUnitId?: string;
  /** Hours each step may take once active; default 48. */
  dueHours?: number;
  now?: Date;
}

/**
 * Starts a signing route on a document. No role rules here: the HTTP definition checks that
 * personal signers are leaders and seal signers clerks of the document's unit; the minutes
 * (issue 11.8) start chair → secretary, both "personal", whatever their roles. Refuses
 * (409 workflow.route_exists) when the document has an active route; finished and rejected
 * routes may be followed by a new one. Records `route.change` in the audit log.
 *
 * Given the database, it runs its own transaction; given a transaction, it writes in it (the
 * caller commits). With a notifier, the first step's signers are notified; the returned push
 * must be called after the commit.
 */
export async function startRoute(
  dbOrTx: Db | Transaction,
  input: StartRouteInput,
  notifier?: Notifier,
): Promise<{ routeId: string; afterCommit: PendingPush }> {
  if (input.steps.length === 0 || input.steps.some((s) => s.signerIds.length === 0)) throw new AppError('workflow.step_empty');
  const run = async (tx: Transaction) => {
    const now = input.now ?? new Date();
    const dueHours = input.dueHours ?? DEFAULT_DUE_HOURS;
    const [active] = await tx
      .select({ id: signingRoutes.id })
      .from(signingRoutes)
      .where(and(eq(signingRoutes.documentId, input.documentId), eq(signingRoutes.status, 'active')))
      .limit(1);
    if (active) throw new AppError('workflow.route_exists');
    const [route] = await tx
      .insert(signingRoutes)
      .values({ documentId: input.documentId, createdBy: input.createdBy, dueHours, createdAt: now })
      .returning();
    if (!route) throw new Error('insert returned no route');
    const steps = await tx
      .insert(routeSteps)
      .values(input.steps.map((s, i) => ({ routeId: route.id, position: i + 1, kind: s.kind })))
      .returning();
    const byPosition = new Map(steps.map((s) => [s.position, s]));
    await tx.insert(stepSigners).values(
      input.steps.flatMap((s, i) => [...new Set(s.signerIds)].map((userId) => ({ stepId: (byPosition.get(i + 1) ?? steps[0]!).id, userId }))),
    );
    const first = byPosition.get(1);
    if (!first) throw new Error('route without a first step');
    const afterCommit = await activateStep(tx, { route, step: first, now, notifier });
    await recordEvent(tx, {
      action: 'route.change',
      actor: { userId: input.createdBy, unitId: input.actorUnitId ?? null },
      subject: { kind: 'document', id: input.documentId },
      details: { routeId: route.id, change: 'set', steps: input.steps.length, kinds: input.steps.map((s) => s.kind).join(',') },
    });
    return { routeId: route.id, afterCommit };
  };
  try {
    return 'rollback' in dbOrTx ? await run(dbOrTx) : await (dbOrTx as Db).transaction(run);
  } catch (err) {
    // Two drafters at once: the partial unique index keeps one active route.
    if (isUniqueViolation(err)) throw new AppError('workflow.route_exists', { cause: err });
    throw err;
  }
}
