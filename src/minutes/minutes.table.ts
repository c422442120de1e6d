import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.ts';
import { documents } from '../documents/documents.table.ts';
import { meetings } from '../meetings/meetings.table.ts';

/**
 * What the minutes add to the facts of a meeting: the secretary's conclusions, and once the
 * meeting is closed the stored final PDF. Everything else in the minutes is read from the
 * meeting, attendance, agenda, floor and votes each time a draft is made.
 */
export const meetingMinutes = pgTable('meeting_minutes', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  conclusions: text('conclusions').notNull().default(''),
  /** Conclusions of single agenda items, by item id (printed under each item). */
  itemConclusions: jsonb('item_conclusions').$type<Record<string, string>>().notNull().default({}),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id),
  /** The final minutes in the documents store, set in the transaction that closes the meeting. */
  documentId: uuid('document_id').references(() => documents.id),
  version: integer('version'),
  finalisedAt: timestamp('finalised_at', { withTimezone: true }),
});

export type MeetingMinutesRow = typeof meetingMinutes.$inferSelect;
