import { eq } from 'drizzle-orm';
import { getPeople } from '../auth/index.ts';
import type { PresentationState } from '../contract/presentation.ts';
import type { Tx } from '../db/index.ts';
import { meetingPresentations, type MeetingPresentationRow } from './presentations.table.ts';

/** The row as the protocol carries it; `presenterName` saves a lookup when the caller knows it. */
export function toState(meetingId: string, row: MeetingPresentationRow | undefined, presenterName: string | undefined): PresentationState {
  if (!row || row.presenterId === null || row.documentId === null || row.version === null || row.page === null) {
    return { meetingId, revision: row?.revision ?? 0, presentation: null };
  }
  return {
    meetingId,
    revision: row.revision,
    presentation: {
      presenter: { id: row.presenterId, fullName: presenterName ?? '' },
      documentId: row.documentId,
      version: row.version,
      page: row.page,
      updatedAt: row.updatedAt.toISOString(),
    },
  };
}

/** What the meeting is looking at now (nobody presenting: `presentation` null). */
export async function readPresentation(db: Tx, meetingId: string): Promise<PresentationState> {
  const [row] = await db.select().from(meetingPresentations).where(eq(meetingPresentations.meetingId, meetingId)).limit(1);
  const [person] = row?.presenterId ? await getPeople(db, [row.presenterId]) : [];
  return toState(meetingId, row, person?.fullName);
}
