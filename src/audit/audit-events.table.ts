import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.ts';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_KINDS, type AuditDetails } from '../contract/audit.ts';
import { units } from '../org/units.table.ts';

export const auditActionEnum = pgEnum('audit_action', AUDIT_ACTIONS);
export const auditSubjectKindEnum = pgEnum('audit_subject_kind', AUDIT_SUBJECT_KINDS);

// The append-only, hash-chained log (docs/audit.md). Rows are only ever inserted, by
// recordEvent, under the lock of the chain head row below; nothing updates or deletes them.
export const auditEvents = pgTable(
  'audit_events',
  {
    /** 1, 2, 3 … assigned under the head lock, so gapless and in chain order. */
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorUnitId: uuid('actor_unit_id').references(() => units.id),
    action: auditActionEnum('action').notNull(),
    subjectKind: auditSubjectKindEnum('subject_kind'),
    subjectId: text('subject_id'),
    details: jsonb('details').$type<AuditDetails>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    // Also how verification finds where a moved row was chained (its predecessor by hash).
    uniqueIndex('audit_events_hash_idx').on(t.hash),
    index('audit_events_actor_unit_idx').on(t.actorUnitId, t.seq),
    index('audit_events_actor_user_idx').on(t.actorUserId, t.seq),
    index('audit_events_subject_idx').on(t.subjectKind, t.subjectId, t.seq),
    check('audit_events_subject_check', sql`(${t.subjectKind} is null) = (${t.subjectId} is null)`),
  ],
);

/**
 * One row (id 1): the newest event's seq and hash. Appends lock it (`select … for update`), so
 * every writer on every node chains after the same head — one chain, no fork — and verification
 * compares it with the last row to see a deleted tail.
 */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    id: smallint('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [check('audit_chain_head_one_row', sql`${t.id} = 1`)],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
