// The audit chain on the real database (PGlite, and Postgres with TEST_DATABASE_URL): one
// gapless chain under hundreds of concurrent appends (and from two connection pools, as two
// nodes would be, on Postgres), events that live and die with their transaction, details kept
// exactly through jsonb, and every tampering with the table found at the right first link.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit-events.table.ts';
import { eventHash, recordEvent, verifyChain, type AuditActor, type AuditEventInput } from '../../src/audit/index.ts';
import { createUser } from '../../src/auth/index.ts';
import type { AuditJson, ChainPoint, ChainReport } from '../../src/contract/audit.ts';
import { migrate, openDatabase, type Database, type Db } from '../../src/db/index.ts';
import { insertUnits, newUnit, upsertUnitLevels } from '../../src/org/index.ts';
import { createScratchDatabase, databaseKind } from '../helpers/database.ts';

describe(`audit chain (${databaseKind})`, () => {
  let dataDir: string;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let database: Database;
  let db: Db;
  let actor: AuditActor;

  const event = (n: number, details: Record<string, AuditJson> = { n }): AuditEventInput => ({
    action: 'document.view',
    actor,
    subject: { kind: 'document', id: `doc-${n}` },
    details,
  });
  const append = (target: Db, n: number) => target.transaction((tx) => recordEvent(tx, event(n)));

  /** The report for the chain as `tamper` leaves it, inside a transaction rolled back afterwards. */
  async function tampered(statements: string[], anchors: ChainPoint[] = []): Promise<ChainReport> {
    let report: ChainReport | undefined;
    await db
      .transaction(async (tx) => {
        for (const s of statements) await tx.execute(sql.raw(s));
        report = await verifyChain(tx, { anchors, pageSize: 50 });
        tx.rollback();
      })
      .catch((err: unknown) => {
        if (!(err instanceof TransactionRollbackError)) throw err;
      });
    if (!report) throw new Error('no report');
    return report;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ecabinet-audit-'));
    scratch = await createScratchDatabase();
    database = await openDatabase({ databaseUrl: scratch.url, dataDir });
    await migrate(database);
    db = database.db;
    await upsertUnitLevels(db, [{ code: 'city', name: 'Thành phố', nameEn: 'City', rank: 0 }]);
    const unit = newUnit({ code: 'HN', name: 'UBND Thành phố Hà Nội', level: 'city' });
    await insertUnits(db, [unit]);
    const user = await createUser(db, { unitId: unit.id, username: 'auditor', fullName: 'Kiểm toán', roles: ['admin'], password: 'not used' });
    actor = { userId: user.id, unitId: unit.id };
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('passes the empty log', async () => {
    expect(await verifyChain(db)).toMatchObject({ ok: true, checked: 0, head: { seq: 0 } });
  });

  it('keeps one gapless chain under 300 concurrent appends', async () => {
    const appended = await Promise.all(Array.from({ length: 300 }, (_, n) => append(db, n)));
    expect(appended.map((a) => a.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const report = await verifyChain(db, { pageSize: 64 });
    expect(report).toMatchObject({ ok: true, checked: 300, head: { seq: 300 } });
    // Time follows the chain even though the appends raced.
    const times = (await db.select({ at: auditEvents.at }).from(auditEvents).orderBy(auditEvents.seq)).map((r) => r.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it.skipIf(databaseKind === 'pglite')('keeps one chain when two connection pools (two nodes) append at once', async () => {
    const second = await openDatabase({ databaseUrl: scratch.url, dataDir });
    try {
      const before = (await verifyChain(db)).head.seq;
      await Promise.all(Array.from({ length: 200 }, (_, n) => append(n % 2 === 0 ? db : second.db, 1000 + n)));
      expect(await verifyChain(second.db)).toMatchObject({ ok: true, checked: before + 200, head: { seq: before + 200 } });
    } finally {
      await second.close();
    }
  });

  it('writes the event if and only if its transaction commits: a rollback leaves no event and no gap', async () => {
    const { head } = await verifyChain(db);
    await expect(
      db.transaction(async (tx) => {
        await recordEvent(tx, event(-1));
        throw new Error('the fact failed after its event was recorded');
      }),
    ).rejects.toThrow('the fact failed');
    const next = await append(db, -2);
    expect(next.seq).toBe(head.seq + 1);
    expect((await verifyChain(db)).ok).toBe(true);
  });

  it('refuses the database in place of a transaction (type check only)', () => {
    // Appending outside a transaction would release the head lock between the read and the write.
    // @ts-expect-error recordEvent takes a transaction, not the database
    const _notCalled = () => recordEvent(db, event(0));
    expect(_notCalled).toBeTypeOf('function');
  });

  it('hashes details exactly as jsonb gives them back, whatever JSON they hold', async () => {
    const storable = (s: string) => s.replaceAll('\u0000', ' ');
    const details = fc
      .dictionary(fc.string({ unit: 'grapheme', maxLength: 12 }).map(storable), fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }), { maxKeys: 6 })
      .map((d) => JSON.parse(storable(JSON.stringify(d))) as Record<string, AuditJson>)
      .filter((d) => Buffer.byteLength(JSON.stringify(d)) < 3000);
    await fc.assert(
      fc.asyncProperty(details, async (d) => {
        const { seq } = await db.transaction((tx) => recordEvent(tx, event(0, d)));
        const [row] = await db.select().from(auditEvents).where(sql`${auditEvents.seq} = ${seq}`);
        expect(row && eventHash(row)).toBe(row?.hash);
      }),
      { numRuns: 60 },
    );
    expect((await verifyChain(db)).ok).toBe(true);
  });

  describe('finds a tampered table at the first broken link', () => {
    it('an edited field: hash_mismatch', async () => {
      expect((await tampered([`update audit_events set details = '{"n": 999}' where seq = 40`])).firstBreak).toMatchObject({ seq: 40, kind: 'hash_mismatch' });
      expect((await tampered([`update audit_events set at = at + interval '1 second' where seq = 41`])).firstBreak).toMatchObject({ seq: 41, kind: 'hash_mismatch' });
      expect((await tampered([`update audit_events set actor_user_id = null where seq = 42`])).firstBreak).toMatchObject({ seq: 42, kind: 'hash_mismatch' });
      expect((await tampered([`update audit_events set action = 'document.sign' where seq = 43`])).firstBreak).toMatchObject({ seq: 43, kind: 'hash_mismatch' });
    });

    it('a deleted event: gap', async () => {
      expect(await tampered([`delete from audit_events where seq = 57`])).toMatchObject({ checked: 56, firstBreak: { seq: 57, kind: 'gap' } });
    });

    it('two events swapped: reordered', async () => {
      const report = await tampered([
        `update audit_events set seq = -1 where seq = 70`,
        `update audit_events set seq = 70 where seq = 71`,
        `update audit_events set seq = 71 where seq = -1`,
      ]);
      expect(report).toMatchObject({ checked: 69, firstBreak: { seq: 70, kind: 'reordered', message: expect.stringMatching(/chained as event 71/) } });
    });

    it('an event rewritten with a recomputed hash: prev_hash_mismatch at the next', async () => {
      const [row] = await db.select().from(auditEvents).where(sql`${auditEvents.seq} = 80`);
      if (!row) throw new Error('no event 80');
      const forged = eventHash({ ...row, details: { n: 'forged' } });
      const report = await tampered([`update audit_events set details = '{"n": "forged"}', hash = '${forged}' where seq = 80`]);
      expect(report.firstBreak).toMatchObject({ seq: 81, kind: 'prev_hash_mismatch' });
    });

    it('a deleted tail: truncated against the head row, and against an anchor once the head row is rewritten too', async () => {
      const { head } = await verifyChain(db);
      const last = head.seq;
      expect((await tampered([`delete from audit_events where seq >= ${last - 2}`])).firstBreak).toMatchObject({ seq: last - 2, kind: 'truncated' });
      const [kept] = await db.select().from(auditEvents).where(sql`${auditEvents.seq} = ${last - 3}`);
      const hideIt = [`delete from audit_events where seq >= ${last - 2}`, `update audit_chain_head set seq = ${last - 3}, hash = '${kept?.hash}'`];
      expect((await tampered(hideIt)).ok).toBe(true);
      expect((await tampered(hideIt, [head])).firstBreak).toMatchObject({ seq: last - 2, kind: 'truncated', message: expect.stringMatching(new RegExp(`anchor records event ${last}`)) });
    });

    it('the whole table emptied, with its head row: only an anchor tells', async () => {
      const { head } = await verifyChain(db);
      expect((await tampered(['delete from audit_events', 'delete from audit_chain_head'])).ok).toBe(true);
      expect((await tampered(['delete from audit_events', 'delete from audit_chain_head'], [head])).firstBreak).toMatchObject({ seq: 1, kind: 'truncated' });
    });

    it('and leaves the untouched chain intact', async () => {
      expect((await verifyChain(db)).ok).toBe(true);
    });
  });
});
