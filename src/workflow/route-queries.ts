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

/** The document's active route and its active step, or undefined. */
export async function activeStepOf(db: Tx, documentId: string): Promise<{ route: SigningRouteRow; step: RouteStepRow; signers: StepSignerRow[] } | undefined> {
  const [row] = await db
    .select({ route: signingRoutes, step: routeSteps })
    .from(signingRoutes)
    .innerJoin(routeSteps, and(eq(routeSteps.routeId, signingRoutes.id), eq(routeSteps.status, 'active')))
    .where(and(eq(signingRoutes.documentId, documentId), eq(signingRoutes.status, 'active')))
    .limit(1);
  if (!row) return undefined;
  const signers = await db.select().from(stepSigners).where(eq(stepSigners.stepId, row.step.id));
  return { ...row, signers };
}
