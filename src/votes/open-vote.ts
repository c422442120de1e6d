import { and, eq, sql } from 'drizzle-orm';
import type { VoteEligibility, VoteMode } from '../contract/votes.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { votes, type VoteRow } from './votes.table.ts';

export interface OpenVoteInput {
  meetingId: string;
  agendaItemId: string | null;
  question: string;
  mode: VoteMode;
  eligibility: VoteEligibility;
  openedBy: string;
}

/**
 * Opens a vote: one open vote per meeting at a time (the chair closes one before putting the
 * next question). The lock makes two opens sent at once decide one after the other; the partial
 * unique index would refuse the second anyway. Who may open is the caller's check.
 */
export async function openVote(db: Tx, input: OpenVoteInput): Promise<VoteRow> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`votes:${input.meetingId}`}, 0))`);
    const [open] = await tx
      .select({ id: votes.id })
      .from(votes)
      .where(and(eq(votes.meetingId, input.meetingId), eq(votes.status, 'open')))
      .limit(1);
    if (open) throw new AppError('vote.already_open', { extra: { voteId: open.id } });
    const [row] = await tx.insert(votes).values(input).returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  });
}
