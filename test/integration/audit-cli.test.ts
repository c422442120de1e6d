// `ecabinet audit verify` as an operator runs it, against a database written by the service and
// then tampered with directly: exit codes, the first broken link in text and JSON, anchors kept
// in a file outside the database. The database is closed while the command runs (PGlite's data
// directory has one user at a time).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent, SYSTEM_ACTOR } from '../../src/audit/index.ts';
import type { ChainReport } from '../../src/contract/audit.ts';
import { migrate, openDatabase, type Db } from '../../src/db/index.ts';
import { createScratchDatabase, databaseKind } from '../helpers/database.ts';
import { runCli } from '../helpers/cli.ts';


const run = runCli;

describe(`ecabinet audit verify (${databaseKind})`, () => {
  let dataDir: string;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let env: Record<string, string | undefined>;
  let anchorFile: string;

  /** Opens the database, does `work`, closes it again. */
  async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir });
    try {
      return await work(database.db);
    } finally {
      await database.close();
    }
  }
  const appendEvents = (db: Db, n: number) =>
    (async () => {
      for (let i = 0; i < n; i++) {
        await db.transaction((tx) => recordEvent(tx, { action: 'document.verify', actor: SYSTEM_ACTOR, subject: { kind: 'document', id: `d${i}` }, details: { ok: i % 2 === 0 } }));
      }
    })();
  const verify = (...args: string[]) => run(['audit', 'verify', ...args], env);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ecabinet-audit-cli-'));
    scratch = await createScratchDatabase();
    env = { DATA_DIR: dataDir, DATABASE_URL: scratch.url, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
    anchorFile = join(dataDir, 'anchors.txt');
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir });
    await migrate(database);
    await appendEvents(database.db, 25);
    await database.close();
  });
  afterAll(async () => {
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exits 0 on an intact chain, reading it in pages, and prints the head to keep', async () => {
    const r = await verify('--page-size', '4');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^audit chain intact: 25 event\(s\) from the genesis to the head\nhead: seq 25, sha256 [0-9a-f]{64}\n$/);
    const json = await verify('--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, checked: 25, head: { seq: 25 }, firstBreak: null, anchors: 0 });
  });

  it('keeps anchors in a file: --record appends the head after an intact run and later runs check them', async () => {
    expect((await verify('--anchor-file', anchorFile, '--record')).code).toBe(0);
    await withDb((db) => appendEvents(db, 5));
    const second = await verify('--anchor-file', anchorFile, '--record');
    expect(second.stdout).toMatch(/30 event\(s\) from the genesis to the head, 1 anchor\(s\) checked/);
    const lines = (await readFile(anchorFile, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^25 [0-9a-f]{64} \d{4}-\d\d-\d\dT/);
    expect(lines[1]).toMatch(/^30 [0-9a-f]{64} /);
  });

  it('finds a deleted tail whose head row was rewritten too through the anchors, and exits 1', async () => {
    await withDb(async (db) => {
      await db.transaction(async (tx) => {
        // Keep the rows aside to put them back afterwards.
        await tx.execute(sql`create table audit_tail_backup as select * from audit_events where seq > 27`);
        await tx.execute(sql`create table audit_head_backup as select * from audit_chain_head`);
        await tx.execute(sql`delete from audit_events where seq > 27`);
        await tx.execute(sql`update audit_chain_head set seq = 27, hash = (select hash from audit_events where seq = 27)`);
      });
    });
    expect((await verify()).code).toBe(0); // the chain alone cannot tell
    const r = await verify('--anchor-file', anchorFile);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^audit chain BROKEN at seq 28 \(truncated\): an anchor records event 30 but the chain ends at event 27/);
    await withDb(async (db) => {
      await db.transaction(async (tx) => {
        await tx.execute(sql`insert into audit_events select * from audit_tail_backup`);
        await tx.execute(sql`update audit_chain_head set seq = b.seq, hash = b.hash from audit_head_backup b`);
        await tx.execute(sql`drop table audit_tail_backup`);
        await tx.execute(sql`drop table audit_head_backup`);
      });
    });
    expect((await verify('--anchor-file', anchorFile)).code).toBe(0);
  });

  it('names an edited event as the first broken link, in text and JSON, and exits 1', async () => {
    await withDb((db) => db.execute(sql`update audit_events set details = '{"ok": true}' where seq = 8`));
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^audit chain BROKEN at seq 8 \(hash_mismatch\): event 8 does not hash to its stored hash/);
    expect(r.stdout).toMatch(/7 event\(s\) before it are intact/);
    const json = JSON.parse((await verify('--json')).stdout) as ChainReport;
    expect(json).toMatchObject({ ok: false, checked: 7, firstBreak: { seq: 8, kind: 'hash_mismatch' } });
  });

  it('refuses bad usage with exit code 2', async () => {
    expect((await run(['audit', 'frobnicate'], env)).code).toBe(2);
    const badAnchor = await verify('--anchor', '12:nothex');
    expect(badAnchor.code).toBe(2);
    expect(badAnchor.stderr).toMatch(/--anchor: "12:nothex" is not SEQ:HASH/);
    await writeFile(join(dataDir, 'bad-anchors.txt'), '# ok\n\n12 zz\n');
    const badFile = await verify('--anchor-file', join(dataDir, 'bad-anchors.txt'));
    expect(badFile.code).toBe(2);
    expect(badFile.stderr).toMatch(/bad-anchors\.txt:3/);
    const help = await run(['help'], env);
    expect(help.stdout).toMatch(/audit verify\s+walk the audit log/);
  });
});
