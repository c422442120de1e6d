// A signer of the active step refuses: the step and the route stop, the drafter hears why.
import { and, eq } from 'drizzle-orm';
import { getPeople } from '../auth/index.ts';
import { recordEvent } from '../audit/index.ts';
import { currentVersions } from '../documents/index.ts';
import { AppError } from '../errors/index.ts';
import type { WorkflowDeps } from './deps.ts';
import { assertPendingSigner } from './sign-document.ts';
import { routeSteps, signingRoutes, stepSigners } from './workflow.table.ts';

export async function rejectDocument(deps: WorkflowDeps, o: { userId: string; unitId: string; documentId: string; reason: string }): Promise<void> {
  const { route, step } = await assertPendingSigner(deps, o.documentId, o.userId);
  const now = deps.clock();
  const afterCommit = await deps.db.transaction(async (tx) => {
    const rejected = await tx
      .update(stepSigners)
      .set({ status: 'rejected', at: now, reason: o.reason })
      .where(and(eq(stepSigners.stepId, step.id), eq(stepSigners.userId, o.userId), eq(stepSigners.status, 'pending')))
      .returning({ userId: stepSigners.userId });
    // A signature or another refusal got in first.
    if (rejected.length === 0) throw new AppError('signing.not_your_step');
    const stopped = await tx
      .update(signingRoutes)
      .set({ status: 'rejected', completedAt: now })
      .where(and(eq(signingRoutes.id, route.id), eq(signingRoutes.status, 'active')))
      .returning({ id: signingRoutes.id });
    if (stopped.length === 0) throw new AppError('signing.not_your_step');
    await tx.update(routeSteps).set({ status: 'rejected', completedAt: now }).where(eq(routeSteps.id, step.id));
    const [[me], [doc]] = await Promise.all([getPeople(tx, [o.userId]), currentVersions(tx, [o.documentId])]);
    const push = await deps.notifier.record(tx, [route.createdBy], {
      kind: 'signing.rejected',
      meetingId: null,
      documentId: o.documentId,
      payload: { title: doc?.title ?? '', by: me?.fullName ?? '', reason: o.reason },
    });
    await recordEvent(tx, {
      action: 'document.reject',
      actor: { userId: o.userId, unitId: o.unitId },
      subject: { kind: 'document', id: o.documentId },
      // The reason stays in the workflow's tables (docs/audit.md): the log keeps facts, not prose.
      details: { routeId: route.id, step: step.position, kind: step.kind },
    });
    return push;
  });
  afterCommit();
}
