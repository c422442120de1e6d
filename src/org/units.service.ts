import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Unit, UnitTree } from '../contract/units.ts';
import type { Tx } from '../db/index.ts';
import { childPath } from './unit-path.ts';
import { unitLevels, units } from './units.table.ts';

/** A unit with its materialised path, for scope checks (the path never leaves the server). */
export type UnitWithPath = Unit & { path: string };

const unitColumns = { id: units.id, code: units.code, name: units.name, level: units.level, parentId: units.parentId };

export async function getUnit(db: Tx, id: string): Promise<UnitWithPath | undefined> {
  const [row] = await db.select({ ...unitColumns, path: units.path }).from(units).where(eq(units.id, id)).limit(1);
  return row;
}

export async function getUnitByCode(db: Tx, code: string): Promise<UnitWithPath | undefined> {
  const [row] = await db.select({ ...unitColumns, path: units.path }).from(units).where(eq(units.code, code)).limit(1);
  return row;
}

/** The units with these ids that exist, in one query (callers find the missing ones). */
export async function getUnits(db: Tx, ids: readonly string[]): Promise<UnitWithPath[]> {
  if (ids.length === 0) return [];
  return db.select({ ...unitColumns, path: units.path }).from(units).where(inArray(units.id, [...new Set(ids)]));
}

/**
 * The ids of these units and of every unit below them, in one query whatever their number (a
 * city meeting inviting every district with its communes expands to ~600 units).
 */
export async function subtreeUnitIds(db: Tx, rootIds: readonly string[]): Promise<string[]> {
  if (rootIds.length === 0) return [];
  const roots = alias(units, 'roots');
  const rows = await db
    .selectDistinct({ id: units.id })
    .from(units)
    .innerJoin(roots, sql`starts_with(${units.path}, ${roots.path})`)
    .where(inArray(roots.id, [...new Set(rootIds)]));
  return rows.map((r) => r.id);
}

/** True when `unitId` is `ancestorPath`'s unit or lies below it. */
export async function isUnitWithin(db: Tx, ancestorPath: string, unitId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, unitId), like(units.path, `${escapeLike(ancestorPath)}%`)))
    .limit(1);
  return row !== undefined;
}

/** The subtree under (and including) the unit with this path, as a nested tree. */
export async function getSubtree(db: Tx, rootPath: string): Promise<UnitTree | undefined> {
  const rows = await db
    .select(unitColumns)
    .from(units)
    .innerJoin(unitLevels, eq(unitLevels.code, units.level))
    .where(like(units.path, `${escapeLike(rootPath)}%`))
    .orderBy(asc(unitLevels.rank), asc(units.code));
  const nodes = new Map<string, UnitTree>(rows.map((r) => [r.id, { ...r, children: [] }]));
  let root: UnitTree | undefined;
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else root ??= node;
  }
  return root;
}

/** A unit row with its id and path decided here, so a whole tree can be written in bulk (insertUnits). */
export function newUnit(input: { code: string; name: string; level: string }, parent?: { id: string; path: string }): UnitWithPath {
  const id = crypto.randomUUID();
  return { ...input, id, parentId: parent?.id ?? null, path: childPath(parent?.path, id) };
}

/** Writes units made by newUnit, parents before children, a few hundred rows per statement. */
export async function insertUnits(db: Tx, rows: readonly UnitWithPath[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insert(units).values(rows.slice(i, i + 200));
}

export async function upsertUnitLevels(
  db: Tx,
  levels: ReadonlyArray<{ code: string; name: string; nameEn: string; rank: number }>,
): Promise<void> {
  await db.insert(unitLevels).values([...levels]).onConflictDoNothing();
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
