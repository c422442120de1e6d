import { eq } from 'drizzle-orm';
import { getAccount, type Principal } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { isUnitWithin } from '../org/index.ts';
import { signingPinStates } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';

/** The account `userId`, when `admin` administers its unit (his own unit or one below it). */
export async function assertAdministers(db: Db, admin: Principal, userId: string): Promise<void> {
  const account = await getAccount(db, userId);
  if (!account) throw new AppError('user.not_found');
  if (!(await isUnitWithin(db, admin.unit.path, account.unitId))) throw new AppError('auth.forbidden_scope');
}

/** `POST /api/users/:id/signing/unlock`: an admin of the user's unit subtree lifts the lock. */
export async function unlockSigning(deps: CredentialsDeps, input: { admin: Principal; userId: string }): Promise<void> {
  await assertAdministers(deps.db, input.admin, input.userId);
  await deps.db
    .update(signingPinStates)
    .set({ failedAttempts: 0, lockedAt: null, unlockedBy: input.admin.id })
    .where(eq(signingPinStates.userId, input.userId));
}
