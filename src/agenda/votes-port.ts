// What votes ask of the agenda (src/votes/agenda-port.ts's AgendaItems, met by shape): whether an
// item is one of the meeting's, and which item the chair made current — a vote opened without
// naming an item is about the one under discussion, so the minutes can give results per item.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { agendaItems } from './agenda.table.ts';
import { currentAgendaItem } from './current-item.ts';

export function agendaForVotes(db: Db): { assertItem(meetingId: string, itemId: string): Promise<void>; currentItem(meetingId: string): Promise<string | null> } {
  return {
    assertItem: async (meetingId, itemId) => {
      const [item] = await db
        .select({ id: agendaItems.id })
        .from(agendaItems)
        .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
        .limit(1);
      if (!item) throw new AppError('vote.invalid_agenda_item');
    },
    currentItem: async (meetingId) => (await currentAgendaItem(db, meetingId))?.id ?? null,
  };
}
