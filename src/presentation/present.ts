import { sql } from 'drizzle-orm';
import { meetingDocumentVersion } from '../agenda/index.ts';
import type { Principal } from '../auth/index.ts';
import type { PresentationState, PresentInput } from '../contract/presentation.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { assertInvited } from '../meetings/index.ts';
import { mayLead } from './leaders.ts';
import { toState } from './presentation-state.ts';
import { meetingPresentations } from './presentations.table.ts';

/**
 * The caller leads the meeting to this document version and page. Refused unless the meeting
 * is live and the caller leads it (the chair, or the current item's presenter); the document
 * must be the meeting's, the version one of its versions and the page within it. Written in one
 * statement (the revision goes up atomically); the caller pushes the answer to the audience.
 */
export async function present(db: Db, principal: Principal, input: PresentInput): Promise<PresentationState> {
  const meeting = await assertInvited(db, principal, input.meetingId);
  if (meeting.status !== 'live') throw new AppError('presentation.not_live');
  if (!(await mayLead(db, meeting, principal.id))) throw new AppError('presentation.not_leader');
  const { pages } = await meetingDocumentVersion(db, input.meetingId, input.documentId, input.version);
  if (input.page > pages) throw new AppError('presentation.page_out_of_range', { params: { page: input.page, pages } });
  const values = { presenterId: principal.id, documentId: input.documentId, version: input.version, page: input.page };
  const [row] = await db
    .insert(meetingPresentations)
    .values({ meetingId: input.meetingId, ...values, revision: 1 })
    .onConflictDoUpdate({
      target: meetingPresentations.meetingId,
      set: { ...values, revision: sql`${meetingPresentations.revision} + 1`, updatedAt: sql`now()` },
    })
    .returning();
  return toState(input.meetingId, row, principal.fullName);
}

/** Nobody presents any more (the same people may stop it, in any status of the meeting). */
export async function stopPresenting(db: Db, principal: Principal, meetingId: string): Promise<PresentationState> {
  const meeting = await assertInvited(db, principal, meetingId);
  if (!(await mayLead(db, meeting, principal.id))) throw new AppError('presentation.not_leader');
  const [row] = await db
    .insert(meetingPresentations)
    .values({ meetingId, revision: 1 })
    .onConflictDoUpdate({
      target: meetingPresentations.meetingId,
      set: { presenterId: null, documentId: null, version: null, page: null, revision: sql`${meetingPresentations.revision} + 1`, updatedAt: sql`now()` },
    })
    .returning();
  return toState(meetingId, row, undefined);
}
