import { eq } from 'drizzle-orm';
import { isPresent, isUnitInvited } from '../attendance/index.ts';
import type { VoteChoice } from '../contract/votes.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { ballots, votes } from './votes.table.ts';

export interface Voter {
  userId: string;
  unitId: string;
  /** The unit's materialised path, to tell whether it is invited without reading a subtree. */
  unitPath: string;
}

/**
 * Casts or changes a ballot. Who votes: a person present in the meeting room now (an open
 * attendance session, which only an invited person can have) — the vote is the meeting's
 * decision, taken by those taking part in it. For one ballot per unit, the unit must be among
 * the invited ones; any of its people present casts it, the last one counts.
 *
 * The vote row is read `for share`: ballots proceed side by side, but a close (`for update`)
 * waits for those under way and every later ballot sees the vote closed — nothing is counted
 * after the result is frozen, and nothing cast before it is lost. One row per voter key,
 * upserted: hundreds of ballots at once each land exactly once.
 */
export async function castBallot(db: Tx, o: { voteId: string; voter: Voter; choice: VoteChoice }): Promise<{ meetingId: string; castAt: Date }> {
  const { voteId, voter, choice } = o;
  return db.transaction(async (tx) => {
    const [vote] = await tx
      .select({ meetingId: votes.meetingId, status: votes.status, eligibility: votes.eligibility })
      .from(votes)
      .where(eq(votes.id, voteId))
      .for('share')
      .limit(1);
    if (!vote) throw new AppError('vote.not_found');
    if (vote.status !== 'open') throw new AppError('vote.closed');
    if (!(await isPresent(tx, vote.meetingId, voter.userId))) throw new AppError('attendance.not_present');
    if (vote.eligibility === 'unit' && !(await isUnitInvited(tx, vote.meetingId, voter.unitPath))) throw new AppError('vote.not_eligible');
    const castAt = new Date();
    await tx
      .insert(ballots)
      .values({ voteId, voterKey: vote.eligibility === 'unit' ? voter.unitId : voter.userId, userId: voter.userId, unitId: voter.unitId, choice, castAt })
      .onConflictDoUpdate({ target: [ballots.voteId, ballots.voterKey], set: { choice, userId: voter.userId, unitId: voter.unitId, castAt } });
    return { meetingId: vote.meetingId, castAt };
  });
}
