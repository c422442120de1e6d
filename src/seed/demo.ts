import { createUser } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { getUnitByCode, insertUnits, newUnit, upsertUnitLevels, type UnitWithPath } from '../org/index.ts';
import {
  CITY,
  communeCode,
  communeLevel,
  communeName,
  DEMO_ACCOUNTS,
  DEPARTMENTS,
  DISTRICTS,
  districtCode,
  districtName,
  LEVELS,
} from './hanoi.ts';

/**
 * Writes the Hanoi-like demo tree and accounts in one transaction. Returns false (and writes
 * nothing) when the demo city already exists, so running it twice is harmless.
 */
export async function seedDemo(db: Db, opts: { password: string }): Promise<{ seeded: boolean; units: number; users: number }> {
  return db.transaction(async (tx) => {
    if (await getUnitByCode(tx, CITY.code)) return { seeded: false, units: 0, users: 0 };
    await upsertUnitLevels(tx, LEVELS);

    // Ids and paths are decided before writing so 600 units go in a few bulk inserts, not 1,200 queries.
    const rows: UnitWithPath[] = [];
    const add = (code: string, name: string, level: string, parent?: UnitWithPath): UnitWithPath => {
      const row = newUnit({ code, name, level }, parent);
      rows.push(row);
      return row;
    };
    const city = add(CITY.code, CITY.name, 'city');
    for (const d of DEPARTMENTS) add(d.code, d.name, 'department', city);
    DISTRICTS.forEach((d, i) => {
      const district = add(districtCode(i), districtName(d), 'district', city);
      for (let c = 0; c < d.communes; c++) add(communeCode(i, c), communeName(d, c), communeLevel(d), district);
    });
    await insertUnits(tx, rows);

    const idByCode = new Map(rows.map((r) => [r.code, r.id]));
    for (const a of DEMO_ACCOUNTS) {
      const unitId = idByCode.get(a.unitCode);
      if (!unitId) throw new Error(`demo account ${a.username}: no unit ${a.unitCode}`);
      await createUser(tx, { unitId, username: a.username, fullName: a.fullName, title: a.title, roles: a.roles, password: opts.password });
    }
    return { seeded: true, units: rows.length, users: DEMO_ACCOUNTS.length };
  });
}
