// `GET /api/me/drafts`: what I sent for signature and where each document is now — the step it
// waits at and for whom, done, or refused and why (issue 11.1: "the drafter sees where the
// document is"). Five queries whatever the number of documents.
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { getPeople } from '../auth/index.ts';
import { DRAFTS_LIMIT, type DraftItem } from '../contract/workflow.ts';
import type { Tx } from '../db/index.ts';
import { currentVersions } from '../documents/index.ts';
import { routeSteps, signingRoutes, stepSigners } from './workflow.table.ts';

export async function draftsOf(db: Tx, userId: string, now: Date): Promise<DraftItem[]> {
  // The newest route I drafted per document, newest first.
  const latest = await db
    .selectDistinctOn([signingRoutes.documentId])
    .from(signingRoutes)
    .where(eq(signingRoutes.createdBy, userId))
    .orderBy(signingRoutes.documentId, desc(signingRoutes.createdAt), desc(signingRoutes.id));
  const routes = latest.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id)).slice(0, DRAFTS_LIMIT);
  if (routes.length === 0) return [];

  const steps = await db
    .select()
    .from(routeSteps)
    .where(
      inArray(
        routeSteps.routeId,
        routes.map((r) => r.id),
      ),
    )
    .orderBy(asc(routeSteps.position));
  const [signers, docs] = await Promise.all([
    steps.length
      ? db
          .select()
          .from(stepSigners)
          .where(
            inArray(
              stepSigners.stepId,
              steps.map((s) => s.id),
            ),
          )
      : Promise.resolve([]),
    currentVersions(
      db,
      routes.map((r) => r.documentId),
    ),
  ]);
  const people = await getPeople(db, [...new Set(signers.filter((s) => s.status !== 'signed').map((s) => s.userId))]);
  const person = (id: string) => people.find((p) => p.id === id);

  return routes.flatMap((route) => {
    const doc = docs.find((d) => d.id === route.documentId);
    const mine = steps.filter((s) => s.routeId === route.id);
    if (!doc || mine.length === 0) return [];
    const signersOf = (stepId: string) => signers.filter((s) => s.stepId === stepId);
    const active = route.status === 'active' ? mine.find((s) => s.status === 'active') : undefined;
    const refusal = route.status === 'rejected' ? signers.find((s) => s.status === 'rejected' && mine.some((m) => m.id === s.stepId)) : undefined;
    const refuser = refusal && person(refusal.userId);
    return [
      {
        documentId: doc.id,
        title: doc.title,
        version: doc.version,
        pages: doc.pages,
        route: {
          status: route.status,
          createdAt: route.createdAt.toISOString(),
          completedAt: route.completedAt?.toISOString() ?? null,
          stepsDone: mine.filter((s) => s.status === 'done').length,
          steps: mine.length,
          current:
            active?.dueAt
              ? {
                  position: active.position,
                  kind: active.kind,
                  waitingFor: signersOf(active.id).flatMap((s) => {
                    const p = s.status === 'pending' ? person(s.userId) : undefined;
                    return p ? [p] : [];
                  }),
                  dueAt: active.dueAt.toISOString(),
                  overdue: active.dueAt.getTime() < now.getTime(),
                }
              : null,
          rejection: refusal && refuser ? { by: refuser, at: (refusal.at ?? route.completedAt ?? route.createdAt).toISOString(), reason: refusal.reason ?? '' } : null,
        },
      },
    ];
  });
}
