// `GET /api/me/inbox`: the documents whose active step waits for my signature, oldest first.
import { and, asc, eq } from 'drizzle-orm';
import { getPeople } from '../auth/index.ts';
import type { InboxItem } from '../contract/workflow.ts';
import type { Tx } from '../db/index.ts';
import { currentVersions } from '../documents/index.ts';
import { routeSteps, signingRoutes, stepSigners } from './workflow.table.ts';

export async function inboxOf(db: Tx, userId: string, now: Date): Promise<InboxItem[]> {
  const rows = await db
    .select({ documentId: signingRoutes.documentId, drafter: signingRoutes.createdBy, kind: routeSteps.kind, since: routeSteps.activatedAt, dueAt: routeSteps.dueAt })
    .from(stepSigners)
    .innerJoin(routeSteps, and(eq(routeSteps.id, stepSigners.stepId), eq(routeSteps.status, 'active')))
    .innerJoin(signingRoutes, and(eq(signingRoutes.id, routeSteps.routeId), eq(signingRoutes.status, 'active')))
    .where(and(eq(stepSigners.userId, userId), eq(stepSigners.status, 'pending')))
    .orderBy(asc(routeSteps.activatedAt));
  const [docs, people] = await Promise.all([currentVersions(db, rows.map((r) => r.documentId)), getPeople(db, rows.map((r) => r.drafter))]);
  return rows.flatMap((r) => {
    const doc = docs.find((d) => d.id === r.documentId);
    const drafter = people.find((p) => p.id === r.drafter);
    if (!doc || !drafter || !r.since || !r.dueAt) return [];
    return [
      {
        documentId: doc.id,
        title: doc.title,
        version: doc.version,
        pages: doc.pages,
        stepKind: r.kind,
        drafter,
        since: r.since.toISOString(),
        dueAt: r.dueAt.toISOString(),
        overdue: r.dueAt.getTime() < now.getTime(),
      },
    ];
  });
}
