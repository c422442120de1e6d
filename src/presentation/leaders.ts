import { currentPresenterId } from '../agenda/index.ts';
import type { Tx } from '../db/index.ts';

/**
 * Who leads the meeting's documents: the chair, and the presenter of the agenda item the chair
 * has set as under discussion — read from Postgres on each request, so any node decides alike
 * and the right moves with the current item.
 */
export async function mayLead(db: Tx, meeting: { id: string; chairId: string }, userId: string): Promise<boolean> {
  if (meeting.chairId === userId) return true;
  return (await currentPresenterId(db, meeting.id)) === userId;
}
