// How a route moves: a step becomes active (its signers are told), a signature completes a
// step when it was the last one missing, the next step activates or the route ends (the
// drafter is told). All inside the caller's transaction; pushes go after its commit.
import { and, asc, eq, gt, ne, notExists, sql } from 'drizzle-orm';
import { getPeople } from '../auth/index.ts';
import type { Transaction } from '../audit/index.ts';
import { builtOnce, pipelined, placeholderFor } from '../db/index.ts';
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

// A signature runs these for each document of a batch: built once (src/db/built-once.ts).
const startStep = builtOnce<{ stepId: string; now: Date; dueAt: Date }, unknown>('start_step', (db) =>
  db.update(routeSteps).set({ status: 'active', activatedAt: placeholderFor(routeSteps.activatedAt, 'now'), dueAt: placeholderFor(routeSteps.dueAt, 'dueAt') }).where(eq(routeSteps.id, sql.placeholder('stepId'))),
);
const signersOfStep = builtOnce<{ stepId: string }, { userId: string }[]>('signers_of_step', (db) =>
  db.select({ userId: stepSigners.userId }).from(stepSigners).where(eq(stepSigners.stepId, sql.placeholder('stepId'))),
);
const signAsPending = builtOnce<{ stepId: string; userId: string; now: Date; version: number }, { userId: string }[]>('sign_as_pending', (db) =>
  db
    .update(stepSigners)
    .set({ status: 'signed', at: placeholderFor(stepSigners.at, 'now'), version: placeholderFor(stepSigners.version, 'version') })
    .where(and(eq(stepSigners.stepId, sql.placeholder('stepId')), eq(stepSigners.userId, sql.placeholder('userId')), eq(stepSigners.status, 'pending')))
    .returning({ userId: stepSigners.userId }),
);
const lockRoute = builtOnce<{ routeId: string }, SigningRouteRow[]>('lock_route', (db) =>
  db.select().from(signingRoutes).where(eq(signingRoutes.id, sql.placeholder('routeId'))).for('update').limit(1),
);
// Done only if nobody of the step is still missing (one statement: the route is locked before).
const completeStep = builtOnce<{ stepId: string; now: Date }, RouteStepRow[]>('complete_step', (db) =>
  db
    .update(routeSteps)
    .set({ status: 'done', completedAt: placeholderFor(routeSteps.completedAt, 'now') })
    .where(
      and(
        eq(routeSteps.id, sql.placeholder('stepId')),
        notExists(
          db
            .select({ userId: stepSigners.userId })
            .from(stepSigners)
            .where(and(eq(stepSigners.stepId, sql.placeholder('stepId')), ne(stepSigners.status, 'signed'))),
        ),
      ),
    )
    .returning(),
);
const stepAfter = builtOnce<{ routeId: string; position: number }, RouteStepRow[]>('step_after', (db) =>
  db
    .select()
    .from(routeSteps)
    .where(and(eq(routeSteps.routeId, sql.placeholder('routeId')), gt(routeSteps.position, sql.placeholder('position'))))
    .orderBy(asc(routeSteps.position))
    .limit(1),
);
const completeRoute = builtOnce<{ routeId: string; now: Date }, unknown>('complete_route', (db) =>
  db.update(signingRoutes).set({ status: 'done', completedAt: placeholderFor(signingRoutes.completedAt, 'now') }).where(eq(signingRoutes.id, sql.placeholder('routeId'))),
);

/** Makes `step` the active one, due `route.dueHours` from now, and tells its signers. */
export async function activateStep(
  tx: Transaction,
  o: { route: SigningRouteRow; step: RouteStepRow; now: Date; notifier?: Notifier; title?: string },
): Promise<PendingPush> {
  const dueAt = new Date(o.now.getTime() + o.route.dueHours * HOUR_MS);
  const started = startStep(tx, { stepId: o.step.id, now: o.now, dueAt });
  if (!o.notifier) {
    await started;
    return NOTHING;
  }
  const [, signers, [drafter]] = await pipelined(started, signersOfStep(tx, { stepId: o.step.id }), getPeople(tx, [o.route.createdBy]));
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
  // Sent together, run in this order; a refusal below rolls back whatever the later ones did.
  const [signed, [route], [step]] = await pipelined(
    signAsPending(tx, { stepId: o.stepId, userId: o.userId, now: o.now, version: o.version }),
    lockRoute(tx, { routeId: o.routeId }),
    completeStep(tx, { stepId: o.stepId, now: o.now }),
  );
  if (signed.length === 0) throw new AppError('signing.not_your_step');
  if (!route || route.status !== 'active') throw new AppError('signing.not_your_step');
  if (!step) return { routeDone: false, afterCommit: NOTHING };
  const [next] = await stepAfter(tx, { routeId: o.routeId, position: step.position });
  if (next) return { routeDone: false, afterCommit: await activateStep(tx, { route, step: next, now: o.now, notifier: o.notifier, title: o.title }) };

  if (!o.notifier) {
    await completeRoute(tx, { routeId: o.routeId, now: o.now });
    return { routeDone: true, afterCommit: NOTHING };
  }
  const title = o.title ?? (await titleOf(tx, route.documentId));
  const [, afterCommit] = await pipelined(
    completeRoute(tx, { routeId: o.routeId, now: o.now }),
    o.notifier.record(tx, [route.createdBy], { kind: 'signing.completed', meetingId: null, documentId: route.documentId, payload: { title, number: o.number ?? null } }),
  );
  return { routeDone: true, afterCommit };
}
