import { and, eq, or } from 'drizzle-orm';
import type { DocumentReaderRule } from '../documents/index.ts';
import { routeSteps, signingRoutes, stepSigners } from './workflow.table.ts';

/** The drafter and every signer of any of a document's routes may read it (registered in app.ts). */
export const routeDocumentReader: DocumentReaderRule = async (db, principal, documentId) => {
  const rows = await db
    .select({ id: signingRoutes.id })
    .from(signingRoutes)
    .innerJoin(routeSteps, eq(routeSteps.routeId, signingRoutes.id))
    .innerJoin(stepSigners, eq(stepSigners.stepId, routeSteps.id))
    .where(and(eq(signingRoutes.documentId, documentId), or(eq(signingRoutes.createdBy, principal.id), eq(stepSigners.userId, principal.id))))
    .limit(1);
  return rows.length > 0;
};
