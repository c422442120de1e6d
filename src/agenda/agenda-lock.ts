import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { meetingAgendaState } from './agenda.table.ts';

/**
 * Takes the meeting's agenda lock (its state row, made on first use) for the rest of the
 * transaction: two clerks adding items, or an upload and a reorder, are applied one after the
 * other, so positions stay contiguous and each change gets its own revision.
 */
export async function lockAgenda(tx: Tx, meetingId: string): Promise<typeof meetingAgendaState.$inferSelect> {
  await tx.insert(meetingAgendaState).values({ meetingId }).onConflictDoNothing();
  const [state] = await tx.select().from(meetingAgendaState).where(eq(meetingAgendaState.meetingId, meetingId)).for('update').limit(1);
  if (!state) throw new Error(`agenda: no state row for meeting ${meetingId}`);
  return state;
}

/** Marks one more change of the agenda (call with the lock held). */
export async function bumpRevision(tx: Tx, meetingId: string, set: { currentItemId?: string | null } = {}): Promise<void> {
  await tx
    .update(meetingAgendaState)
    .set({ ...set, revision: sql`${meetingAgendaState.revision} + 1`, updatedAt: new Date() })
    .where(eq(meetingAgendaState.meetingId, meetingId));
}
