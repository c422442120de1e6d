import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.ts';
import { FLOOR_STATUSES } from '../contract/floor.ts';
import { meetings } from '../meetings/meetings.table.ts';
import { units } from '../org/units.table.ts';

export const floorStatusEnum = pgEnum('floor_status', FLOOR_STATUSES);

/**
 * A request for the floor and what became of it. The queue is the meeting's `waiting` rows in
 * (requested_at, id) order; the holder is its one `speaking` row. The partial unique indexes
 * keep that true under requests sent at once, whatever the code above them does.
 */
export const floorRequests = pgTable(
  'floor_requests',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** The site the request came from (the person's unit then). */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    status: floorStatusEnum('status').notNull().default('waiting'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    grantedAt: timestamp('granted_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    grantedBy: uuid('granted_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('floor_requests_one_waiting_uq').on(t.meetingId, t.userId).where(sql`${t.status} = 'waiting'`),
    uniqueIndex('floor_requests_one_speaking_uq').on(t.meetingId).where(sql`${t.status} = 'speaking'`),
    index('floor_requests_meeting_idx').on(t.meetingId, t.requestedAt),
  ],
);

export type FloorRequestRow = typeof floorRequests.$inferSelect;
