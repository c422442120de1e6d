import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.ts';
import type { NotificationContent } from '../contract/notifications.ts';
import { meetings } from '../meetings/meetings.table.ts';

// One row per user and event, written in the transaction of the change it reports and pushed
// after commit: a user offline at the time finds it in the list. The kind is text, not an enum,
// so a capability adds kinds in src/contract/notifications.ts without a migration.
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<NotificationContent['kind']>().notNull(),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'cascade' }),
    /** A document's notifications (signing workflow) name it here; its foreign key comes with the documents table. */
    documentId: uuid('document_id'),
    /** What the kind says (title, times, reason), as of the event; checked by the contract. */
    payload: jsonb('payload').$type<NotificationContent['payload']>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_created_idx').on(t.userId, t.createdAt.desc()),
    // The bell's count on every page: only unread rows are indexed.
    index('notifications_user_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
