import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getPeople } from '../auth/index.ts';
import type { Voter, VoteResult } from '../contract/votes.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { getUnits } from '../org/index.ts';
import { presentVoterKeys } from './eligible-voters.ts';
import { countChoices, eligibleAtClose, shuffled } from './tally.ts';
import { ballots, secretBallotChoices, votes, type VoteRow } from './votes.table.ts';

/**
 * Closes a vote and freezes its result, in one transaction holding the vote row `for update`
 * (ballots under way finish first, later ones find it closed). A secret vote's choices are
 * copied in a shuffled order, with random ids and no time, to secret_ballot_choices and cleared
 * from the ballots, which keep only who voted: from here on nothing in the database ties a
 * choice to a voter, and a recount reads the unlinked copy. Closing a closed vote answers it
 * as it was frozen.
 */
export async function closeVote(db: Tx, o: { voteId: string; closedBy: string }): Promise<VoteRow> {
  return db.transaction(async (tx) => {
    const [vote] = await tx.select().from(votes).where(eq(votes.id, o.voteId)).for('update').limit(1);
    if (!vote) throw new AppError('vote.not_found');
    if (vote.status === 'closed') return vote;
    const cast = await tx.select().from(ballots).where(eq(ballots.voteId, vote.id));
    const present = await presentVoterKeys(tx, vote.meetingId, vote.eligibility);
    const result: VoteResult = {
      counts: countChoices(cast.map((b) => b.choice)),
      cast: cast.length,
      eligible: eligibleAtClose(present, cast.map((b) => b.voterKey)),
      voters: await voters(tx, cast, vote.mode === 'open'),
    };
    if (vote.mode === 'secret' && cast.length > 0) {
      const choices = shuffled(
        cast.flatMap((b) => (b.choice ? [b.choice] : [])),
        (below) => randomInt(below),
      );
      for (let i = 0; i < choices.length; i += 500) {
        await tx.insert(secretBallotChoices).values(choices.slice(i, i + 500).map((choice) => ({ voteId: vote.id, choice })));
      }
      await tx.update(ballots).set({ choice: null }).where(eq(ballots.voteId, vote.id));
    }
    const [closed] = await tx
      .update(votes)
      .set({ status: 'closed', closedAt: new Date(), closedBy: o.closedBy, result })
      .where(eq(votes.id, vote.id))
      .returning();
    if (!closed) throw new Error('update returned no row');
    return closed;
  });
}

/** Who voted, by unit code then name; their choice only when the vote is open. */
async function voters(tx: Tx, cast: readonly (typeof ballots.$inferSelect)[], showChoice: boolean): Promise<Voter[]> {
  const [people, units] = await Promise.all([getPeople(tx, cast.map((b) => b.userId)), getUnits(tx, cast.map((b) => b.unitId))]);
  const personById = new Map(people.map((p) => [p.id, p]));
  const unitById = new Map(units.map(({ id, code, name }) => [id, { id, code, name }]));
  return cast
    .map((b) => {
      const person = personById.get(b.userId);
      const unit = unitById.get(b.unitId);
      if (!person || !unit) throw new Error(`votes: a ballot of ${b.voteId} names a user or unit that does not exist`);
      return { userId: b.userId, fullName: person.fullName, title: person.title, unit, choice: showChoice ? b.choice : null };
    })
    .sort((a, b) => (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : a.fullName.localeCompare(b.fullName, 'vi')));
}
