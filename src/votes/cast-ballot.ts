import { and, eq, sql } from 'drizzle-orm';
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
 * The ballot is one statement, `insert … select from votes where open … for share`: ballots
 * go in side by side, a close (`for update`) waits for those under way, and one that was
 * waiting on the close finds the vote closed when it re-reads the row — nothing is counted
 * after the result is frozen, nothing acknowledged before it is left out. One row per voter
 * key, upserted: hundreds of ballots at once each land exactly once. (One statement rather than
 * a transaction of four: this is the hot path of a 600-voter vote.)
 */
export async function castBallot(db: Tx, o: { voteId: string; voter: Voter; choice: VoteChoice }): Promise<{ meetingId: string; castAt: Date }> {
  try {
    return await cast(db, o);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // A failed query's message lists its parameters — the voter next to the choice — and the
    // failure is logged: the log gets the database's error code, never who voted what.
    throw new AppError('internal', { cause: new Error(`castBallot failed: ${databaseCode(err)}`) });
  }
}

function databaseCode(err: unknown): string {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return err instanceof Error ? err.name : 'unknown';
}

async function cast(db: Tx, o: { voteId: string; voter: Voter; choice: VoteChoice }): Promise<{ meetingId: string; castAt: Date }> {
  const { voteId, voter, choice } = o;
  const [vote] = await db.select({ meetingId: votes.meetingId, status: votes.status, eligibility: votes.eligibility }).from(votes).where(eq(votes.id, voteId)).limit(1);
  if (!vote) throw new AppError('vote.not_found');
  if (vote.status !== 'open') throw new AppError('vote.closed');
  if (!(await isPresent(db, vote.meetingId, voter.userId))) throw new AppError('attendance.not_present');
  if (vote.eligibility === 'unit' && !(await isUnitInvited(db, vote.meetingId, voter.unitPath))) throw new AppError('vote.not_eligible');
  const voterKey = vote.eligibility === 'unit' ? voter.unitId : voter.userId;
  const castAt = new Date();
  const stillOpen = db
    .select({
      voteId: votes.id,
      voterKey: sql<string>`${voterKey}::uuid`.as('voter_key'),
      userId: sql<string>`${voter.userId}::uuid`.as('user_id'),
      unitId: sql<string>`${voter.unitId}::uuid`.as('unit_id'),
      choice: sql<VoteChoice>`${choice}::vote_choice`.as('choice'),
      castAt: sql<Date>`${castAt.toISOString()}::timestamptz`.as('cast_at'),
    })
    .from(votes)
    .where(and(eq(votes.id, voteId), eq(votes.status, 'open')))
    .for('share');
  const written = await db
    .insert(ballots)
    .select(stillOpen)
    .onConflictDoUpdate({ target: [ballots.voteId, ballots.voterKey], set: { choice, userId: voter.userId, unitId: voter.unitId, castAt } })
    .returning({ castAt: ballots.castAt });
  if (written.length === 0) throw new AppError('vote.closed');
  return { meetingId: vote.meetingId, castAt };
}
