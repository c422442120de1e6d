// Issue 11.8: a closed meeting's minutes go to the chair, then the secretary, each for a
// personal signature, as soon as they are stored. The minutes capability calls this through the
// hook app.ts hands it; workflow knows nothing of meetings beyond these ids.
import type { Db } from '../db/index.ts';
import type { Notifier } from '../notifications/index.ts';
import { startRoute } from './start-route.ts';

export interface ClosedMinutes {
  documentId: string;
  chairId: string;
  /** A meeting may have no secretary: the chair alone signs then. */
  secretaryId: string | null;
  closedBy: string;
  unitId: string;
}

export function routeClosedMinutes(db: Db, notifier: Notifier): (minutes: ClosedMinutes) => Promise<void> {
  return async (minutes) => {
    const signers = [minutes.chairId];
    if (minutes.secretaryId && minutes.secretaryId !== minutes.chairId) signers.push(minutes.secretaryId);
    const { afterCommit } = await startRoute(
      db,
      {
        documentId: minutes.documentId,
        steps: signers.map((id) => ({ kind: 'personal' as const, signerIds: [id] })),
        createdBy: minutes.closedBy,
        actorUnitId: minutes.unitId,
      },
      notifier,
    );
    afterCommit();
  };
}
