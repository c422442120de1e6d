import { invitedUnitIds, presentNow } from '../attendance/index.ts';
import type { VoteEligibility } from '../contract/votes.ts';
import type { Tx } from '../db/index.ts';

/**
 * The voter keys present now: people in the room, or for one ballot per unit the invited units
 * at least one of whose people is in the room.
 */
export async function presentVoterKeys(db: Tx, meetingId: string, eligibility: VoteEligibility): Promise<Set<string>> {
  const present = await presentNow(db, meetingId);
  if (eligibility === 'person') return new Set(present.map((p) => p.userId));
  const invited = await invitedUnitIds(db, meetingId);
  return new Set(present.map((p) => p.unitId).filter((u) => invited.has(u)));
}
