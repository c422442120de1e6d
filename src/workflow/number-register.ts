// The register of document numbers (Decree 30/2020/ND-CP Art. 15: numbered per issuing unit
// from 01 on 1 January): "Số: 12/D01". A seal step reserves its number in its own committed
// transaction before signing, because the number is drawn into the signed PDF; a retry of the
// same step (after a crash, a conflict) gets the same number back.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { documentNumberCounters, documentNumbers } from './workflow.table.ts';

/** Vietnam has no daylight saving: UTC+7 all year. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export const registerYear = (now: Date): number => new Date(now.getTime() + VIETNAM_OFFSET_MS).getUTCFullYear();

/**
 * The number of `stepId`'s document in its unit's register for the year: the one already
 * reserved for the step, else `requested` (409 workflow.number_taken when another document has
 * it), else the next free one. Concurrent seals each get their own: the counter row's update
 * serialises them, and a number taken by hand in between is skipped.
 */
export async function reserveNumber(
  db: Db,
  o: { unitId: string; documentId: string; stepId: string; now: Date; requested?: number },
): Promise<number> {
  const year = registerYear(o.now);
  return db.transaction(async (tx) => {
    const [mine] = await tx.select().from(documentNumbers).where(eq(documentNumbers.stepId, o.stepId)).for('update').limit(1);
    if (mine && mine.year === year && (o.requested === undefined || o.requested === mine.number)) return mine.number;
    if (mine) await tx.delete(documentNumbers).where(eq(documentNumbers.stepId, o.stepId));

    const take = async (number: number): Promise<boolean> => {
      const rows = await tx
        .insert(documentNumbers)
        .values({ unitId: o.unitId, year, number, documentId: o.documentId, stepId: o.stepId })
        .onConflictDoNothing()
        .returning({ number: documentNumbers.number });
      return rows.length > 0;
    };
    if (o.requested !== undefined) {
      if (!(await take(o.requested))) throw new AppError('workflow.number_taken');
      return o.requested;
    }
    for (let tries = 0; tries < 10_000; tries++) {
      const [counter] = await tx
        .insert(documentNumberCounters)
        .values({ unitId: o.unitId, year, last: 1 })
        .onConflictDoUpdate({
          target: [documentNumberCounters.unitId, documentNumberCounters.year],
          set: { last: sql`${documentNumberCounters.last} + 1` },
        })
        .returning({ last: documentNumberCounters.last });
      if (!counter) throw new Error('the number counter returned nothing');
      if (await take(counter.last)) return counter.last;
    }
    throw new Error(`no free document number for unit ${o.unitId} in ${year}`);
  });
}
