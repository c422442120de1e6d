import { sql } from 'drizzle-orm';
import { boolean, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../contract/auth.ts';
import { units } from '../org/units.table.ts';

// Roles are code (permissions depend on them) and listed in the API contract; units and levels
// are data.
export const roleEnum = pgEnum('user_role', ROLES);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    username: text('username').notNull().unique(),
    fullName: text('full_name').notNull(),
    title: text('title'),
    roles: roleEnum('roles').array().notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Locked by an administrator: no sign-in, and its sessions are gone. */
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('users_unit_idx').on(t.unitId)],
);
