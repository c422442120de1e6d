// Overdue steps: their pending signers are reminded once (remindedAt), by a timer in the
// plugin; the check is a function of the clock so a test can run it at any time it likes.
import { and, eq, isNull, lt } from 'drizzle-orm';
import { currentVersions } from '../documents/index.ts';
import type { WorkflowDeps } from './deps.ts';
import { sequence } from './step-transitions.ts';
import { routeSteps, signingRoutes, stepSigners } from './workflow.table.ts';

/** Reminds the pending signers of every active step due before `now` that was not reminded yet; returns how many steps. */
export async function remindOverdue(deps: Pick<WorkflowDeps, 'db' | 'notifier'>, now: Date): Promise<number> {
  const pushes = await deps.db.transaction(async (tx) => {
    // Claimed with the update itself, so two nodes (or two ticks) never remind twice.
    const due = await tx
      .update(routeSteps)
      .set({ remindedAt: now })
      .where(and(eq(routeSteps.status, 'active'), isNull(routeSteps.remindedAt), lt(routeSteps.dueAt, now)))
      .returning({ id: routeSteps.id, routeId: routeSteps.routeId, kind: routeSteps.kind, dueAt: routeSteps.dueAt });
    const out = [];
    for (const step of due) {
      const [route] = await tx.select({ documentId: signingRoutes.documentId }).from(signingRoutes).where(eq(signingRoutes.id, step.routeId)).limit(1);
      if (!route || !step.dueAt) continue;
      const pending = await tx
        .select({ userId: stepSigners.userId })
        .from(stepSigners)
        .where(and(eq(stepSigners.stepId, step.id), eq(stepSigners.status, 'pending')));
      const [doc] = await currentVersions(tx, [route.documentId]);
      out.push(
        await deps.notifier.record(
          tx,
          pending.map((p) => p.userId),
          { kind: 'signing.overdue', meetingId: null, documentId: route.documentId, payload: { title: doc?.title ?? '', stepKind: step.kind, dueAt: step.dueAt.toISOString() } },
        ),
      );
    }
    return out;
  });
  sequence(...pushes)();
  return pushes.length;
}
