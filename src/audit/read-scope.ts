import type { UnitTree } from '../contract/units.ts';
import type { Tx } from '../db/index.ts';
import { getSubtree, getUnit, unitIdsOnPath } from '../org/index.ts';
import type { AuditScope } from './list-events.ts';

/**
 * What an admin may read: events whose actor acted for a unit in the admin's subtree (or in
 * the subtree of `unitId`, which the route's guard has checked lies within it). An admin of a
 * root unit reading the whole tree also sees events without a unit (the system, failed
 * sign-ins under unknown names).
 */
export async function readScope(db: Tx, callerUnitPath: string, unitId: string | undefined): Promise<AuditScope> {
  if (unitId === undefined && unitIdsOnPath(callerUnitPath).length === 1) return 'everything';
  const root = unitId === undefined ? { path: callerUnitPath } : await getUnit(db, unitId);
  const tree = root && (await getSubtree(db, root.path));
  return { unitIds: tree ? flatten(tree) : [] };
}

const flatten = (n: UnitTree): string[] => [n.id, ...n.children.flatMap(flatten)];
