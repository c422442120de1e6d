// Statements built once (src/db/built-once.ts) on the real drivers (PGlite on its thread, and
// postgres.js with TEST_DATABASE_URL): they run inside the caller's transaction, not beside it on
// the client they were built with; values reach the driver as drizzle maps them (timestamps);
// the builder runs once, however many times the statement does; a missing value is refused.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql, TransactionRollbackError } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtOnce, openDatabase, placeholderFor, type Database, type Db } from '../../src/db/index.ts';
import { createScratchDatabase, databaseKind } from '../helpers/database.ts';

const things = pgTable('built_once_things', {
  id: integer('id').primaryKey(),
  label: text('label').notNull(),
  at: timestamp('at', { withTimezone: true }),
});

let builds = 0;
const insertThing = builtOnce<{ id: number; label: string; at: Date | null }, unknown>('insert_thing', (db) => {
  builds++;
  return db.insert(things).values({ id: sql.placeholder('id'), label: sql.placeholder('label'), at: sql.placeholder('at') });
});
const thingById = builtOnce<{ id: number }, (typeof things.$inferSelect)[]>('thing_by_id', (db) => db.select().from(things).where(eq(things.id, sql.placeholder('id'))));
const stampThing = builtOnce<{ id: number; at: Date }, { at: Date | null }[]>('stamp_thing', (db) =>
  db
    .update(things)
    .set({ at: placeholderFor(things.at, 'at') })
    .where(eq(things.id, sql.placeholder('id')))
    .returning({ at: things.at }),
);

describe(`statements built once (${databaseKind})`, () => {
  let dataDir: string;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let database: Database;
  let db: Db;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ecabinet-built-once-'));
    scratch = await createScratchDatabase();
    database = await openDatabase({ databaseUrl: scratch.url, dataDir });
    db = database.db;
    await db.execute(sql`create table built_once_things (id integer primary key, label text not null, at timestamptz)`);
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs inside the transaction it is given: its rows are seen there and go with a rollback', async () => {
    // Built on the database's client first, as a server's first use usually is.
    await insertThing(db, { id: 0, label: 'before', at: null });
    expect(await thingById(db, { id: 1 })).toEqual([]);
    const seenInside = await db
      .transaction(async (tx) => {
        await insertThing(tx, { id: 1, label: 'inside', at: null });
        // Outside the transaction this would not see the row (Postgres) or wait for the transaction's lock forever (PGlite).
        const [row] = await thingById(tx, { id: 1 });
        tx.rollback();
        return row;
      })
      .catch((err: unknown) => {
        if (err instanceof TransactionRollbackError) return 'rolled back';
        throw err;
      });
    expect(seenInside).toBe('rolled back');
    expect(await thingById(db, { id: 1 })).toEqual([]);

    let inside: unknown;
    await db.transaction(async (tx) => {
      await insertThing(tx, { id: 1, label: 'kept', at: null });
      inside = await thingById(tx, { id: 1 });
    });
    expect(inside).toEqual([{ id: 1, label: 'kept', at: null }]);
    expect(await thingById(db, { id: 1 })).toEqual([{ id: 1, label: 'kept', at: null }]);
  });

  it('maps values as drizzle does: a timestamp goes in and comes back as the same instant, in values and in set', async () => {
    const at = new Date('2026-12-07T10:11:12.345Z');
    const later = new Date('2026-12-08T00:00:00.001Z');
    await insertThing(db, { id: 2, label: 'dated', at });
    expect((await thingById(db, { id: 2 }))[0]?.at?.toISOString()).toBe(at.toISOString());
    const stamped = await db.transaction((tx) => stampThing(tx, { id: 2, at: later }));
    expect(stamped.map((r) => r.at?.toISOString())).toEqual([later.toISOString()]);
  });

  it('builds the statement once, however often and wherever it runs', async () => {
    const before = builds;
    for (let id = 10; id < 30; id++) {
      if (id % 2) await insertThing(db, { id, label: `n${id}`, at: null });
      else await db.transaction((tx) => insertThing(tx, { id, label: `n${id}`, at: null }));
    }
    expect(builds - before).toBe(0);
    expect(builds).toBe(1);
    const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(things).where(sql`${things.id} >= 10`);
    expect(n).toBe(20);
  });

  it('refuses to run without a value for each placeholder', async () => {
    await expect(thingById(db, {} as { id: number })).rejects.toThrow(/No value for placeholder "id"/);
  });
});
