import { sql } from 'drizzle-orm';
import { index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.ts';
import { VOTE_CHOICES, VOTE_ELIGIBILITIES, VOTE_MODES, VOTE_STATUSES, type VoteResult } from '../contract/votes.ts';
import { meetings } from '../meetings/meetings.table.ts';
import { units } from '../org/units.table.ts';

export const voteModeEnum = pgEnum('vote_mode', VOTE_MODES);
export const voteEligibilityEnum = pgEnum('vote_eligibility', VOTE_ELIGIBILITIES);
export const voteStatusEnum = pgEnum('vote_status', VOTE_STATUSES);
export const voteChoiceEnum = pgEnum('vote_choice', VOTE_CHOICES);

/** A question put to the meeting on an agenda item; its result is frozen at close. */
export const votes = pgTable(
  'votes',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    // No foreign key yet: agenda_items comes with src/agenda/ (another branch); the agenda port
    // checks the item belongs to the meeting.
    agendaItemId: uuid('agenda_item_id'),
    question: text('question').notNull(),
    mode: voteModeEnum('mode').notNull(),
    eligibility: voteEligibilityEnum('eligibility').notNull(),
    status: voteStatusEnum('status').notNull().default('open'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    openedBy: uuid('opened_by')
      .notNull()
      .references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    result: jsonb('result').$type<VoteResult>(),
  },
  (t) => [
    // One question at a time: two opens sent at once cannot both succeed.
    uniqueIndex('votes_one_open_uq').on(t.meetingId).where(sql`${t.status} = 'open'`),
    index('votes_meeting_idx').on(t.meetingId, t.openedAt),
  ],
);

/**
 * One ballot per voter key (the person, or the unit for one ballot per unit), changed in place
 * until close. In a secret vote the choice is cleared at close, after it was copied, unlinked,
 * to secret_ballot_choices: from then on nothing ties a choice to a voter.
 */
export const ballots = pgTable(
  'ballots',
  {
    voteId: uuid('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    /** The user id, or the unit id when the vote is one ballot per unit. */
    voterKey: uuid('voter_key').notNull(),
    /** Who cast it (last). */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    choice: voteChoiceEnum('choice'),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.voterKey] })],
);

/**
 * The choices of a closed secret vote, one row per ballot, written in a shuffled order with
 * random ids and no time: what a recount reads, tied to no one.
 */
export const secretBallotChoices = pgTable(
  'secret_ballot_choices',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    voteId: uuid('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    choice: voteChoiceEnum('choice').notNull(),
  },
  (t) => [index('secret_ballot_choices_vote_idx').on(t.voteId)],
);

export type VoteRow = typeof votes.$inferSelect;
export type BallotRow = typeof ballots.$inferSelect;
