import { and, asc, eq, inArray } from 'drizzle-orm';
import type { PersonRef, Role, User } from '../contract/auth.ts';
import type { Tx } from '../db/index.ts';
import { hashPassword } from './password.ts';
import { normaliseUsername } from './username.ts';
import { users } from './users.table.ts';

export async function createUser(
  db: Tx,
  input: { unitId: string; username: string; fullName: string; title?: string | null; roles: Role[]; password: string },
): Promise<{ id: string }> {
  const [row] = await db
    .insert(users)
    .values({
      unitId: input.unitId,
      username: normaliseUsername(input.username),
      fullName: input.fullName,
      title: input.title ?? null,
      roles: input.roles,
      passwordHash: await hashPassword(input.password),
    })
    .returning({ id: users.id });
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function listUnitUsers(db: Tx, unitId: string): Promise<User[]> {
  return db
    .select({ id: users.id, username: users.username, fullName: users.fullName, title: users.title, roles: users.roles })
    .from(users)
    .where(eq(users.unitId, unitId))
    .orderBy(asc(users.username));
}

/** Names of the users with these ids that exist, in one query (for lists that mention people). */
export async function getPeople(db: Tx, ids: readonly string[]): Promise<PersonRef[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, username: users.username, fullName: users.fullName, title: users.title })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
}

/** True when the user exists, is not disabled and belongs to the unit. */
export async function isActiveUserOf(db: Tx, userId: string, unitId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.unitId, unitId), eq(users.disabled, false)))
    .limit(1);
  return row !== undefined;
}

/**
 * The active (not disabled) accounts of these units, in one query: who a meeting's invitation
 * reaches. Ids only, so thousands of invitees cost one narrow result.
 */
export async function activeUserIdsOfUnits(db: Tx, unitIds: readonly string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.unitId, [...new Set(unitIds)]), eq(users.disabled, false)));
  return rows.map((r) => r.id);
}

export async function hasAnyUser(db: Tx): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length > 0;
}

/** An account with its unit and roles (for decisions about someone other than the caller), or undefined. */
export async function getAccount(
  db: Tx,
  id: string,
): Promise<{ id: string; username: string; fullName: string; unitId: string; roles: Role[]; disabled: boolean } | undefined> {
  const [row] = await db
    .select({ id: users.id, username: users.username, fullName: users.fullName, unitId: users.unitId, roles: users.roles, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

/** The active accounts with these usernames, with unit and roles (who a signing route names). */
export async function getActiveAccountsByUsername(
  db: Tx,
  usernames: readonly string[],
): Promise<Array<{ id: string; username: string; fullName: string; title: string | null; unitId: string; roles: Role[] }>> {
  if (usernames.length === 0) return [];
  return db
    .select({ id: users.id, username: users.username, fullName: users.fullName, title: users.title, unitId: users.unitId, roles: users.roles })
    .from(users)
    .where(and(inArray(users.username, [...new Set(usernames)]), eq(users.disabled, false)));
}

/** Accounts by id with their title, unit and roles (a signer's appearance names his title). */
export async function getAccounts(
  db: Tx,
  ids: readonly string[],
): Promise<Array<{ id: string; username: string; fullName: string; title: string | null; unitId: string; roles: Role[] }>> {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, username: users.username, fullName: users.fullName, title: users.title, unitId: users.unitId, roles: users.roles })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
}
