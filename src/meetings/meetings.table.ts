import { sql } from 'drizzle-orm';
import { boolean, index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.ts';
import { MEETING_STATUSES } from '../contract/meetings.ts';
import { units } from '../org/units.table.ts';

export const meetingStatusEnum = pgEnum('meeting_status', MEETING_STATUSES);

// A meeting and its live facts (lock, stage, mute-all). Every fact of a live meeting lives here
// or in meeting_participants, never only in a process: any node can answer and a restart loses
// nothing; the media plane keeps only mediasoup objects.
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    title: text('title').notNull(),
    organiserUnitId: uuid('organiser_unit_id')
      .notNull()
      .references(() => units.id),
    chairId: uuid('chair_id')
      .notNull()
      .references(() => users.id),
    /** Takes the minutes and may close the meeting; none: the organising unit's clerks and leaders do. */
    secretaryId: uuid('secretary_id').references(() => users.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    status: meetingStatusEnum('status').notNull().default('scheduled'),
    /**
     * When invitees first saw it (created scheduled, or a draft published). A cancelled meeting
     * stays visible to them only if it was ever published; rows from before this column are
     * treated as published unless draft or cancelled (see meeting-visibility.ts).
     */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Set by the chair's end: the meeting's real end, which the minutes state. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Set at close: from then on nothing of the meeting changes (the minutes are final). */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    /** A locked meeting admits nobody new; those already in may reconnect. */
    locked: boolean('locked').notNull().default(false),
    /** Who is on the stage besides the chair (the floor); null: the chair. */
    stageUserId: uuid('stage_user_id').references(() => users.id),
    /** The chair muted everyone: newcomers join muted too. */
    allMuted: boolean('all_muted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meetings_organiser_idx').on(t.organiserUnitId), index('meetings_starts_idx').on(t.startsAt)],
);

/** A unit invited to a meeting, alone or with its whole subtree ("district X and all its communes"). */
export const meetingInvitations = pgTable(
  'meeting_invitations',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    includeSubunits: boolean('include_subunits').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.unitId] }), index('meeting_invitations_unit_idx').on(t.unitId)],
);

/** Attendance and moderation of one user in one meeting. */
export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    firstJoinedAt: timestamp('first_joined_at', { withTimezone: true }).notNull().defaultNow(),
    lastJoinedAt: timestamp('last_joined_at', { withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    present: boolean('present').notNull().default(true),
    /** Muted by the chair: the server keeps the microphone paused whatever the client asks. */
    muted: boolean('muted').notNull().default(false),
    /** Removed by the chair: may not join this meeting again. */
    removed: boolean('removed').notNull().default(false),
    /** Free text from the client ("tablet", "meeting room"), shown in the participant list. */
    device: text('device'),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);

export type MeetingRow = typeof meetings.$inferSelect;
export type MeetingParticipantRow = typeof meetingParticipants.$inferSelect;
