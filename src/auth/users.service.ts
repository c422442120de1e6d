import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { hashPassword } from './password.ts';
import { users, type Role } from './users.table.ts';

export async function createUser(
  db: Tx,
  input: { unitId: string; username: string; fullName: string; title?: string | null; roles: Role[]; password: string },
): Promise<{ id: string }> {
  const [row] = await db
    .insert(users)
    .values({
      unitId: input.unitId,
      username: input.username.trim().toLowerCase(),
      fullName: input.fullName,
      title: input.title ?? null,
      roles: input.roles,
      passwordHash: await hashPassword(input.password),
    })
    .returning({ id: users.id });
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function listUnitUsers(db: Tx, unitId: string) {
  return db
    .select({ id: users.id, username: users.username, fullName: users.fullName, title: users.title, roles: users.roles })
    .from(users)
    .where(eq(users.unitId, unitId))
    .orderBy(asc(users.username));
}

export async function hasAnyUser(db: Tx): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length > 0;
}
