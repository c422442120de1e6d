import { and, asc, eq, like } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { unitLevels, units, type UnitRow } from './units.table.ts';

export type Unit = Pick<UnitRow, 'id' | 'code' | 'name' | 'level' | 'parentId'>;
export type UnitNode = Unit & { children: UnitNode[] };

const unitColumns = { id: units.id, code: units.code, name: units.name, level: units.level, parentId: units.parentId };

export async function getUnit(db: Tx, id: string): Promise<(Unit & { path: string }) | undefined> {
  const [row] = await db.select({ ...unitColumns, path: units.path }).from(units).where(eq(units.id, id)).limit(1);
  return row;
}

export async function getUnitByCode(db: Tx, code: string): Promise<(Unit & { path: string }) | undefined> {
  const [row] = await db.select({ ...unitColumns, path: units.path }).from(units).where(eq(units.code, code)).limit(1);
  return row;
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
export async function getSubtree(db: Tx, rootPath: string): Promise<UnitNode | undefined> {
  const rows = await db
    .select(unitColumns)
    .from(units)
    .innerJoin(unitLevels, eq(unitLevels.code, units.level))
    .where(like(units.path, `${escapeLike(rootPath)}%`))
    .orderBy(asc(unitLevels.rank), asc(units.code));
  const nodes = new Map<string, UnitNode>(rows.map((r) => [r.id, { ...r, children: [] }]));
  let root: UnitNode | undefined;
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else root ??= node;
  }
  return root;
}

export async function createUnit(
  db: Tx,
  input: { code: string; name: string; level: string; parentId?: string | null },
): Promise<Unit & { path: string }> {
  const parent = input.parentId ? await getUnit(db, input.parentId) : undefined;
  if (input.parentId && !parent) throw new Error(`parent unit ${input.parentId} does not exist`);
  const id = crypto.randomUUID();
  const path = `${parent?.path ?? '/'}${id}/`;
  const [row] = await db
    .insert(units)
    .values({ id, code: input.code, name: input.name, level: input.level, parentId: parent?.id ?? null, path })
    .returning({ ...unitColumns, path: units.path });
  if (!row) throw new Error('insert returned no row');
  return row;
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
