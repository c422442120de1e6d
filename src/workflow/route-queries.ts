// Reading routes: the latest route of a document, and the active step with its signers.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { documentNumbers, routeSteps, signingRoutes, stepSigners, type RouteStepRow, type SigningRouteRow, type StepSignerRow } from './workflow.table.ts';

export interface LoadedRoute {
  route: SigningRouteRow;
  steps: Array<RouteStepRow & { signers: StepSignerRow[]; number: number | null; numberYear: number | null }>;
}

/** A route with its steps (in order), their signers and the numbers seal steps were given. */
export async function loadRoute(db: Tx, route: SigningRouteRow): Promise<LoadedRoute> {
  const steps = await db.select().from(routeSteps).where(eq(routeSteps.routeId, route.id)).orderBy(asc(routeSteps.position));
  const stepIds = steps.map((s) => s.id);
  const [signers, numbers] = stepIds.length
    ? await Promise.all([
        db.select().from(stepSigners).where(inArray(stepSigners.stepId, stepIds)),
        db.select().from(documentNumbers).where(inArray(documentNumbers.stepId, stepIds)),
      ])
    : [[], []];
  return {
    route,
    steps: steps.map((s) => {
      const n = numbers.find((x) => x.stepId === s.id);
      return { ...s, signers: signers.filter((x) => x.stepId === s.id), number: n?.number ?? null, numberYear: n?.year ?? null };
    }),
  };
}

/** The document's newest route (active, done or rejected), or undefined when it never had one. */
export async function latestRouteOf(db: Tx, documentId: string): Promise<LoadedRoute | undefined> {
  const [route] = await db
    .select()
    .from(signingRoutes)
    .where(eq(signingRoutes.documentId, documentId))
    .orderBy(desc(signingRoutes.createdAt), desc(signingRoutes.id))
    .limit(1);
  return route ? loadRoute(db, route) : undefined;
}

export interface ActiveStep {
  route: SigningRouteRow;
  step: RouteStepRow;
  signers: StepSignerRow[];
}

/** The document's active route and its active step, or undefined. */
export async function activeStepOf(db: Tx, documentId: string): Promise<ActiveStep | undefined> {
  return (await activeStepsOf(db, [documentId])).get(documentId);
}

/** activeStepOf for many documents in two queries (a batch of signatures), by document id. */
export async function activeStepsOf(db: Tx, documentIds: readonly string[]): Promise<Map<string, ActiveStep>> {
  const found = new Map<string, ActiveStep>();
  if (documentIds.length === 0) return found;
  const rows = await db
    .select({ route: signingRoutes, step: routeSteps })
    .from(signingRoutes)
    .innerJoin(routeSteps, and(eq(routeSteps.routeId, signingRoutes.id), eq(routeSteps.status, 'active')))
    .where(and(inArray(signingRoutes.documentId, [...new Set(documentIds)]), eq(signingRoutes.status, 'active')));
  if (rows.length === 0) return found;
  const signers = await db
    .select()
    .from(stepSigners)
    .where(inArray(stepSigners.stepId, rows.map((r) => r.step.id)));
  for (const row of rows) found.set(row.route.documentId, { ...row, signers: signers.filter((s) => s.stepId === row.step.id) });
  return found;
}
