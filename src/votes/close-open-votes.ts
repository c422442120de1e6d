import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { closeVote } from './close-vote.ts';
import { votes, type VoteRow } from './votes.table.ts';

/** The meeting ended with a vote still open: it is closed (by `closedBy`, the chair) and its result frozen. */
export async function closeOpenVotes(db: Tx, meetingId: string, closedBy: string): Promise<VoteRow[]> {
  const open = await db.select({ id: votes.id }).from(votes).where(and(eq(votes.meetingId, meetingId), eq(votes.status, 'open')));
  const closed: VoteRow[] = [];
  for (const { id } of open) closed.push(await closeVote(db, { voteId: id, closedBy }));
  return closed;
}
