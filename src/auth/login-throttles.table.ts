import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Failed sign-ins per (address, account) and per address, in Postgres so every server node counts
// the same failures. No foreign key to users: unknown usernames are counted exactly like known
// ones, so the answer never tells which accounts exist.
export const loginThrottles = pgTable(
  'login_throttles',
  {
    /** `pair:<address>|<username>` or `address:<address>`. */
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  (t) => [index('login_throttles_last_failure_idx').on(t.lastFailureAt)],
);
