// How a route moves: a step becomes active (its signers are told), a signature completes a
// step when it was the last one missing, the next step activates or the route ends (the
// drafter is told). All inside the caller's transaction; pushes go after its commit.
import { and, asc, eq, gt, ne, notExists } from 'drizzle-orm';
import { getPeople } from '../auth/index.ts';
import type { Transaction } from '../audit/index.ts';
import { currentVersions } from '../documents/index.ts';
import { AppError } from '../errors/index.ts';
import type { Notifier, PendingPush } from '../notifications/index.ts';
import { routeSteps, signingRoutes, stepSigners, type RouteStepRow, type SigningRouteRow } from './workflow.table.ts';

const HOUR_MS = 3_600_000;
const NOTHING: PendingPush = () => {};

export const sequence =
  (...pushes: PendingPush[]): PendingPush =>
  () => {
    for (const push of pushes) push();
  };

async function titleOf(tx: Transaction, documentId: string): Promise<string> {
  const [doc] = await currentVersions(tx, [documentId]);
  return doc?.title ?? '';
}

/** Makes `step` the active one, due `route.dueHours` from now, and tells its signers. */
export async function activateStep(
  tx: Transaction,
  o: { route: SigningRouteRow; step: RouteStepRow; now: Date; notifier?: Notifier; title?: string },
): Promise<PendingPush> {
  const dueAt = new Date(o.now.getTime() + o.route.dueHours * HOUR_MS);
  await tx.update(routeSteps).set({ status: 'active', activatedAt: o.now, dueAt }).where(eq(routeSteps.id, o.step.id));
  if (!o.notifier) return NOTHING;
  const signers = await tx.select({ userId: stepSigners.userId }).from(stepSigners).where(eq(stepSigners.stepId, o.step.id));
  const [drafter] = await getPeople(tx, [o.route.createdBy]);
  return o.notifier.record(
    tx,
    signers.map((s) => s.userId),
    {
      kind: 'signing.requested',
      meetingId: null,
      documentId: o.route.documentId,
      payload: { title: o.title ?? (await titleOf(tx, o.route.documentId)), stepKind: o.step.kind, drafter: drafter?.fullName ?? '', dueAt: dueAt.toISOString() },
    },
  );
}

/**
 * Records `userId`'s signature (the document's `version`) on the active step. Refused
 * (signing.not_your_step) unless he is still pending there: of two concurrent signatures of one
 * signer only one gets here, the other's transaction rolls back. When he was the last one
 * missing the step is done and the next activates, or the route is done.
 */
export async function recordSignature(
  tx: Transaction,
  o: {
    routeId: string;
    stepId: string;
    userId: string;
    version: number;
    now: Date;
    notifier?: Notifier;
    number?: string;
    /** The document's title when the caller has it: one query less per signature. */
    title?: string;
  },
): Promise<{ routeDone: boolean; afterCommit: PendingPush }> {
  const signed = await tx
    .update(stepSigners)
    .set({ status: 'signed', at: o.now, version: o.version })
    .where(and(eq(stepSigners.stepId, o.stepId), eq(stepSigners.userId, o.userId), eq(stepSigners.status, 'pending')))
    .returning({ userId: stepSigners.userId });
  if (signed.length === 0) throw new AppError('signing.not_your_step');
  const [route] = await tx.select().from(signingRoutes).where(eq(signingRoutes.id, o.routeId)).for('update').limit(1);
  if (!route || route.status !== 'active') throw new AppError('signing.not_your_step');

  // Done only if nobody of the step is still missing (one statement: the route is locked above).
  const missing = tx
    .select({ userId: stepSigners.userId })
    .from(stepSigners)
    .where(and(eq(stepSigners.stepId, o.stepId), ne(stepSigners.status, 'signed')));
  const [step] = await tx
    .update(routeSteps)
    .set({ status: 'done', completedAt: o.now })
    .where(and(eq(routeSteps.id, o.stepId), notExists(missing)))
    .returning();
  if (!step) return { routeDone: false, afterCommit: NOTHING };
  const [next] = await tx
    .select()
    .from(routeSteps)
    .where(and(eq(routeSteps.routeId, o.routeId), gt(routeSteps.position, step.position)))
    .orderBy(asc(routeSteps.position))
    .limit(1);
  if (next) return { routeDone: false, afterCommit: await activateStep(tx, { route, step: next, now: o.now, notifier: o.notifier, title: o.title }) };

  await tx.update(signingRoutes).set({ status: 'done', completedAt: o.now }).where(eq(signingRoutes.id, o.routeId));
  const afterCommit = o.notifier
    ? await o.notifier.record(tx, [route.createdBy], {
        kind: 'signing.completed',
        meetingId: null,
        documentId: route.documentId,
        payload: { title: o.title ?? (await titleOf(tx, route.documentId)), number: o.number ?? null },
      })
    : NOTHING;
  return { routeDone: true, afterCommit };
}
