/**
 * What votes need of the agenda: whether an item is one of the meeting's, and which item the
 * chair made current (the default for a new vote). src/agenda/ (built on another branch)
 * provides the real one; until it is wired in, `withoutAgenda` takes any item id as given and
 * knows no current item.
 */
export interface AgendaItems {
  /** Refuses (vote.invalid_agenda_item) unless `itemId` is an item of `meetingId`. */
  assertItem(meetingId: string, itemId: string): Promise<void>;
  currentItem(meetingId: string): Promise<string | null>;
}

export const withoutAgenda: AgendaItems = {
  assertItem: async () => {},
  currentItem: async () => null,
};
