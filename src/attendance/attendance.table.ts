import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.ts';
import { meetings } from '../meetings/meetings.table.ts';
import { units } from '../org/units.table.ts';

/**
 * One presence of one person in one meeting: from joining the room to leaving it, or to the end
 * of the reconnect grace. A reconnect within the grace continues the same row. The unit is the
 * person's unit when they joined: the site they sat for, as the sheet and the quorum count it.
 */
export const attendanceSessions = pgTable(
  'attendance_sessions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    device: text('device'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [
    // At most one open presence per person: joins at once cannot open two.
    uniqueIndex('attendance_sessions_open_uq').on(t.meetingId, t.userId).where(sql`${t.leftAt} is null`),
    index('attendance_sessions_meeting_idx').on(t.meetingId, t.joinedAt),
  ],
);

export type AttendanceSessionRow = typeof attendanceSessions.$inferSelect;
