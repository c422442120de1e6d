import { isActiveUserOf, type Principal } from '../auth/index.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { getUnits } from '../org/index.ts';

/**
 * The chair and the secretary are active accounts of the organising unit, and two people. The
 * secretary is not taken from the invited units: the minutes are the organising unit's record
 * (issued under its name, numbered and sealed by its clerks), and a secretary whose unit an edit
 * of the invitation list removed would be left holding a meeting they can no longer see.
 */
export async function assertChairAndSecretary(tx: Tx, organiserUnitId: string, chairId: string, secretaryId: string | null): Promise<void> {
  const [chairOk, secretaryOk] = await Promise.all([
    isActiveUserOf(tx, chairId, organiserUnitId),
    secretaryId === null ? true : isActiveUserOf(tx, secretaryId, organiserUnitId),
  ]);
  if (!chairOk) throw new AppError('meeting.invalid_chair');
  if (!secretaryOk || secretaryId === chairId) throw new AppError('meeting.invalid_secretary');
}

/** Invited units exist and lie in the caller's subtree; returns them without duplicates. */
export async function checkInvitedUnits(tx: Tx, principal: Principal, unitIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(unitIds)];
  if (ids.length === 0) return ids;
  const found = await getUnits(tx, ids);
  const missing = ids.filter((id) => !found.some((u) => u.id === id));
  if (missing.length > 0) throw new AppError('meeting.invalid_units', { extra: { unitIds: missing } });
  const outside = found.filter((u) => !u.path.startsWith(principal.unit.path)).map((u) => u.id);
  if (outside.length > 0) throw new AppError('auth.forbidden_scope', { extra: { unitIds: outside } });
  return ids;
}
