import type { UnitTree } from '../contract/units.ts';
import type { Tx } from '../db/index.ts';
import { invitationsOf } from '../meetings/index.ts';
import { getSubtree, getUnits, unitIdsOnPath } from '../org/index.ts';

// Which units a meeting invited: each invited unit, and its whole subtree when it was invited
// with its subunits ("district X and all its communes"). Overlapping invitations count a unit once.

/** The invited units, expanded. */
export async function invitedUnitIds(db: Tx, meetingId: string): Promise<Set<string>> {
  const invitations = await invitationsOf(db, meetingId);
  const ids = new Set(invitations.map((i) => i.unitId));
  const withSubunits = invitations.filter((i) => i.includeSubunits).map((i) => i.unitId);
  for (const unit of await getUnits(db, withSubunits)) {
    const tree = await getSubtree(db, unit.path);
    if (tree) collect(tree, ids);
  }
  return ids;
}

/**
 * Whether a unit is among the invited ones, from its path alone (no subtree is read): invited
 * itself, or below a unit invited with its subunits.
 */
export async function isUnitInvited(db: Tx, meetingId: string, unitPath: string): Promise<boolean> {
  const onPath = unitIdsOnPath(unitPath);
  const self = onPath.at(-1);
  return (await invitationsOf(db, meetingId)).some((i) => i.unitId === self || (i.includeSubunits && onPath.includes(i.unitId)));
}

function collect(node: UnitTree, into: Set<string>): void {
  into.add(node.id);
  for (const child of node.children) collect(child, into);
}
