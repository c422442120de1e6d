import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.ts';
import { ROUTE_STATUSES, SIGNER_STATUSES, STEP_KINDS, STEP_STATUSES } from '../contract/workflow.ts';
import { documents } from '../documents/documents.table.ts';
import { units } from '../org/units.table.ts';

export const routeStatusEnum = pgEnum('route_status', ROUTE_STATUSES);
export const stepKindEnum = pgEnum('route_step_kind', STEP_KINDS);
export const stepStatusEnum = pgEnum('route_step_status', STEP_STATUSES);
export const signerStatusEnum = pgEnum('route_signer_status', SIGNER_STATUSES);

// A document's signing route: ordered steps, each with one or more signers who all sign before
// the next step activates. A document has at most one active route (a partial unique index);
// finished and rejected routes stay as history and a new route may follow them.
export const signingRoutes = pgTable(
  'signing_routes',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    status: routeStatusEnum('status').notNull().default('active'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** Hours each step may take once active. */
    dueHours: real('due_hours').notNull(),
  },
  (t) => [
    index('signing_routes_document_idx').on(t.documentId, t.createdAt),
    // The drafter's list (GET /api/me/drafts): his routes, newest first.
    index('signing_routes_created_by_idx').on(t.createdBy, t.createdAt),
    // Two drafters racing: the second insert fails here, answered 409 workflow.route_exists.
    uniqueIndex('signing_routes_one_active_idx').on(t.documentId).where(sql`${t.status} = 'active'`),
  ],
);

export const routeSteps = pgTable(
  'signing_route_steps',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    routeId: uuid('route_id')
      .notNull()
      .references(() => signingRoutes.id, { onDelete: 'cascade' }),
    /** 1-based order in the route. */
    position: integer('position').notNull(),
    kind: stepKindEnum('kind').notNull(),
    status: stepStatusEnum('status').notNull().default('waiting'),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** The overdue reminder went out: it goes once. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('signing_route_steps_position_idx').on(t.routeId, t.position),
    // The overdue sweep reads only active steps not yet reminded.
    index('signing_route_steps_due_idx').on(t.dueAt).where(sql`${t.status} = 'active' and ${t.remindedAt} is null`),
  ],
);

export const stepSigners = pgTable(
  'signing_step_signers',
  {
    stepId: uuid('step_id')
      .notNull()
      .references(() => routeSteps.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    status: signerStatusEnum('status').notNull().default('pending'),
    at: timestamp('at', { withTimezone: true }),
    /** The document version this signature made. */
    version: integer('version'),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.stepId, t.userId] }), index('signing_step_signers_user_idx').on(t.userId, t.status)],
);

// The register of document numbers ("Số: 12/D01"), per unit and calendar year (Vietnam time).
// A seal step reserves its number here before signing, in its own committed transaction, so the
// number is drawn into the PDF and a retry after a crash reuses it (one row per step).
export const documentNumbers = pgTable(
  'document_numbers',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    stepId: uuid('step_id')
      .notNull()
      .references(() => routeSteps.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year, t.number] }), uniqueIndex('document_numbers_step_idx').on(t.stepId)],
);

/** The last number the register gave automatically, per unit and year: one atomic increment per seal. */
export const documentNumberCounters = pgTable(
  'document_number_counters',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })],
);

export type SigningRouteRow = typeof signingRoutes.$inferSelect;
export type RouteStepRow = typeof routeSteps.$inferSelect;
export type StepSignerRow = typeof stepSigners.$inferSelect;
