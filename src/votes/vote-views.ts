import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { LiveTally, Vote, VoteView } from '../contract/votes.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { presentVoterKeys } from './eligible-voters.ts';
import { countsFromGroups } from './tally.ts';
import { ballots, votes, type VoteRow } from './votes.table.ts';

// What each audience sees of a vote: everyone the question and, once closed, the frozen result;
// a voter their own ballot; the chair the live count. Nothing here ever returns another
// person's choice in a secret vote — the result's voters carry none, and the live count of a
// secret vote is only how many voted.

export function toVote(row: VoteRow): Vote {
  return {
    id: row.id,
    meetingId: row.meetingId,
    agendaItemId: row.agendaItemId,
    question: row.question,
    mode: row.mode,
    eligibility: row.eligibility,
    status: row.status,
    openedAt: row.openedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    result: row.status === 'closed' ? row.result : null,
  };
}

export async function getVoteRow(db: Tx, voteId: string): Promise<VoteRow> {
  const [row] = await db.select().from(votes).where(eq(votes.id, voteId)).limit(1);
  if (!row) throw new AppError('vote.not_found');
  return row;
}

/** The chair's count of an open vote: ballots by choice (only how many for a secret vote), eligible voters present. */
export async function liveTally(db: Tx, vote: Pick<VoteRow, 'id' | 'meetingId' | 'mode' | 'eligibility'>): Promise<LiveTally> {
  const [groups, present] = await Promise.all([
    db.select({ choice: ballots.choice, n: count() }).from(ballots).where(eq(ballots.voteId, vote.id)).groupBy(ballots.choice),
    presentVoterKeys(db, vote.meetingId, vote.eligibility),
  ]);
  const cast = groups.reduce((sum, g) => sum + Number(g.n), 0);
  return { voteId: vote.id, cast, present: present.size, counts: vote.mode === 'open' ? countsFromGroups(groups) : null };
}

/** The meeting's votes, oldest first, as `viewer` sees them. */
export async function votesFor(db: Tx, meetingId: string, viewer: { userId: string; isChair: boolean }): Promise<VoteView[]> {
  const rows = await db.select().from(votes).where(eq(votes.meetingId, meetingId)).orderBy(asc(votes.openedAt), asc(votes.id));
  if (rows.length === 0) return [];
  const mine = await db
    .select({ voteId: ballots.voteId, choice: ballots.choice, castAt: ballots.castAt })
    .from(ballots)
    .where(and(eq(ballots.userId, viewer.userId), inArray(ballots.voteId, rows.map((r) => r.id))));
  const myBallot = new Map(mine.map((b) => [b.voteId, { choice: b.choice, castAt: b.castAt.toISOString() }]));
  return Promise.all(
    rows.map(async (row) => ({
      ...toVote(row),
      myBallot: myBallot.get(row.id) ?? null,
      live: viewer.isChair && row.status === 'open' ? await liveTally(db, row) : null,
    })),
  );
}

/** Every vote of the meeting with its frozen result (closed ones): what the minutes list per item. */
export async function meetingVotes(db: Tx, meetingId: string): Promise<Vote[]> {
  const rows = await db.select().from(votes).where(eq(votes.meetingId, meetingId)).orderBy(asc(votes.openedAt), asc(votes.id));
  return rows.map(toVote);
}
