import { count, eq } from 'drizzle-orm';
import type { VoteCounts } from '../contract/votes.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { countsFromGroups } from './tally.ts';
import { ballots, secretBallotChoices, votes } from './votes.table.ts';

/**
 * Counts a vote again from what is stored: the ballots, or for a closed secret vote their
 * unlinked copy. For a closed vote it must equal the frozen result's counts.
 */
export async function recount(db: Tx, voteId: string): Promise<VoteCounts> {
  const [vote] = await db.select({ mode: votes.mode, status: votes.status }).from(votes).where(eq(votes.id, voteId)).limit(1);
  if (!vote) throw new AppError('vote.not_found');
  if (vote.mode === 'secret' && vote.status === 'closed') {
    return countsFromGroups(
      await db.select({ choice: secretBallotChoices.choice, n: count() }).from(secretBallotChoices).where(eq(secretBallotChoices.voteId, voteId)).groupBy(secretBallotChoices.choice),
    );
  }
  return countsFromGroups(await db.select({ choice: ballots.choice, n: count() }).from(ballots).where(eq(ballots.voteId, voteId)).groupBy(ballots.choice));
}
