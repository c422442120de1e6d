import { eq } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { agendaItems, meetingAgendaState } from './agenda.table.ts';

/** The item the chair has set as under discussion, or null (for votes, the floor log, the minutes). */
export async function currentAgendaItem(db: Tx, meetingId: string): Promise<{ id: string; position: number; title: string } | null> {
  const [row] = await db
    .select({ id: agendaItems.id, position: agendaItems.position, title: agendaItems.title })
    .from(meetingAgendaState)
    .innerJoin(agendaItems, eq(agendaItems.id, meetingAgendaState.currentItemId))
    .where(eq(meetingAgendaState.meetingId, meetingId))
    .limit(1);
  return row ?? null;
}
