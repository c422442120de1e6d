import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

// Levels are data, not code: the same tables model city → district → commune and a two-tier
// city → commune. `rank` orders levels from the top (0) for display and validation.
export const unitLevels = pgTable('unit_levels', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  rank: integer('rank').notNull(),
});

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    level: text('level')
      .notNull()
      .references(() => unitLevels.code),
    parentId: uuid('parent_id').references((): AnyPgColumn => units.id),
    // Materialised path of ids ("/<root>/<child>/…/<self>/"): a subtree is one prefix match,
    // so every scope check is a single indexed query.
    path: text('path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('units_parent_idx').on(t.parentId), index('units_path_idx').on(t.path.op('text_pattern_ops'))],
);
