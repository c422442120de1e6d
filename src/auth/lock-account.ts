import { eq } from 'drizzle-orm';
import type { AccountLock } from '../contract/auth.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { assertUnitScope } from './guard.ts';
import type { LiveConnections } from './live-connections.ts';
import type { Principal } from './principal.ts';
import { deleteUserSessions } from './session.service.ts';
import { users } from './users.table.ts';

export interface LockAccountOptions {
  db: Db;
  connections: LiveConnections;
  /** An administrator; the account must belong to their unit subtree. */
  admin: Principal;
  userId: string;
  locked: boolean;
}

/**
 * Locks or unlocks an account. Locking ends everything the account has open at once: its
 * sessions are deleted (unlocking later does not revive them) and its sockets disconnected.
 * Idempotent.
 */
export async function setAccountLocked({ db, connections, admin, userId, locked }: LockAccountOptions): Promise<AccountLock> {
  const [user] = await db.select({ unitId: users.unitId }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError('user.not_found');
  await assertUnitScope(db, admin, user.unitId);
  if (locked && userId === admin.id) throw new AppError('user.cannot_lock_self');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabled: locked }).where(eq(users.id, userId));
    if (locked) await deleteUserSessions(tx, userId);
  });
  if (locked) connections.endUser(userId);
  return { id: userId, locked };
}
