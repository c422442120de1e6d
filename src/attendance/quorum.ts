import type { Quorum } from '../contract/attendance.ts';
import type { Tx } from '../db/index.ts';
import { invitedUnitIds } from './invited-units.ts';
import { presentNow, type Presence } from './present-now.ts';

/**
 * Present units over invited units: a unit is present when at least one of its people is.
 * Present units that were not invited (the organiser's own, unless it invited itself) are left
 * out of the ratio: quorum is about the sites that were called.
 */
export function computeQuorum(invited: ReadonlySet<string>, present: readonly Presence[]): Quorum {
  const presentInvited = new Set(present.map((p) => p.unitId).filter((u) => invited.has(u)));
  const presentPeople = new Set(present.map((p) => p.userId)).size;
  const ratio = invited.size === 0 ? 0 : presentInvited.size / invited.size;
  return { presentUnits: presentInvited.size, invitedUnits: invited.size, ratio, presentPeople };
}

export async function meetingQuorum(db: Tx, meetingId: string): Promise<Quorum> {
  const [invited, present] = await Promise.all([invitedUnitIds(db, meetingId), presentNow(db, meetingId)]);
  return computeQuorum(invited, present);
}
