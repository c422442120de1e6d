import { activeUserIdsOfUnits } from '../auth/index.ts';
import type { Tx } from '../db/index.ts';
import { subtreeUnitIds } from '../org/index.ts';
import type { MeetingRow } from './meetings.table.ts';

export interface Invitation {
  unitId: string;
  includeSubunits: boolean;
}

/**
 * Everyone a published meeting reaches: the active accounts of the organising unit and of the
 * invited units (with their subtrees when invited so), plus the chair and the secretary. Two
 * queries whatever the size — the units' subtrees (org), then their accounts (auth) — so a city
 * meeting of every district and commune (~600 units, thousands of people) costs the same two.
 */
export async function inviteesOf(
  tx: Tx,
  meeting: Pick<MeetingRow, 'organiserUnitId' | 'chairId' | 'secretaryId'>,
  invitations: readonly Invitation[],
): Promise<Set<string>> {
  const units = new Set([meeting.organiserUnitId, ...invitations.filter((i) => !i.includeSubunits).map((i) => i.unitId)]);
  const roots = invitations.filter((i) => i.includeSubunits).map((i) => i.unitId);
  for (const id of await subtreeUnitIds(tx, roots)) units.add(id);
  const people = new Set(await activeUserIdsOfUnits(tx, [...units]));
  people.add(meeting.chairId);
  if (meeting.secretaryId) people.add(meeting.secretaryId);
  return people;
}
