import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.ts';
import { documents } from '../documents/documents.table.ts';
import { meetings } from '../meetings/meetings.table.ts';

// A meeting's agenda: items in order, the documents attached to the meeting or to an item, and
// one state row per meeting (the current item and a revision). Every change locks the state row
// first, so changes to one meeting's agenda happen one after the other, on any node.

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    /** 1-based, contiguous within the meeting. */
    position: integer('position').notNull(),
    title: text('title').notNull(),
    presenterId: uuid('presenter_id').references(() => users.id),
    plannedMinutes: integer('planned_minutes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agenda_items_meeting_idx').on(t.meetingId, t.position)],
);

/** A stored document taking part in a meeting, of the whole meeting or of one item. */
export const meetingDocuments = pgTable(
  'meeting_documents',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    /** Removing an item removes its documents from the meeting (they stay in the store). */
    agendaItemId: uuid('agenda_item_id').references((): AnyPgColumn => agendaItems.id, { onDelete: 'cascade' }),
    /** Order of addition within the meeting; documents of an item are listed in this order. */
    position: integer('position').notNull(),
    addedBy: uuid('added_by')
      .notNull()
      .references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.documentId] }), index('meeting_documents_document_idx').on(t.documentId)],
);

export const meetingAgendaState = pgTable('meeting_agenda_state', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  /** The item under discussion, set by the chair during the meeting. */
  currentItemId: uuid('current_item_id').references((): AnyPgColumn => agendaItems.id, { onDelete: 'set null' }),
  /** Goes up with every change of items, documents or the current item. */
  revision: integer('revision').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type MeetingDocumentRow = typeof meetingDocuments.$inferSelect;
