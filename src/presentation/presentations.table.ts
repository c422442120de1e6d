import { sql } from 'drizzle-orm';
import { check, foreignKey, integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.ts';
import { documentVersions } from '../documents/documents.table.ts';
import { meetings } from '../meetings/meetings.table.ts';

// "The presenter leads": one row per meeting, so a newcomer, a reconnecting tablet or another
// node reads what the meeting is looking at. Nobody presenting is the row with all four of
// presenter, document, version and page null (never half of them). The revision goes up with
// every change, so clients can drop pushes that arrive out of order.
export const meetingPresentations = pgTable(
  'meeting_presentations',
  {
    meetingId: uuid('meeting_id')
      .primaryKey()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    presenterId: uuid('presenter_id').references(() => users.id),
    documentId: uuid('document_id'),
    version: integer('version'),
    page: integer('page'),
    revision: integer('revision').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // MATCH SIMPLE: checked while something is presented, not when the row says nobody is.
    foreignKey({ name: 'meeting_presentations_version_fk', columns: [t.documentId, t.version], foreignColumns: [documentVersions.documentId, documentVersions.version] }),
    check('meeting_presentations_whole', sql`num_nulls(${t.presenterId}, ${t.documentId}, ${t.version}, ${t.page}) in (0, 4)`),
    check('meeting_presentations_page', sql`${t.page} >= 1`),
  ],
);

export type MeetingPresentationRow = typeof meetingPresentations.$inferSelect;
