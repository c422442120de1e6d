// The chain walk over an in-memory chain, tampered with in every way the brief names: each
// tampering is found, with the right kind, at the first broken link.
import { describe, expect, it } from 'vitest';
import type { AuditEventRow } from '../../src/audit/audit-events.table.ts';
import { eventHash, GENESIS_HASH } from '../../src/audit/event-hash.ts';
import { walkChain, type ChainSource } from '../../src/audit/walk-chain.ts';
import type { ChainPoint } from '../../src/contract/audit.ts';

function chain(n: number): AuditEventRow[] {
  const rows: AuditEventRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
      actorUserId: null,
      actorUnitId: null,
      action: 'auth.login' as const,
      subjectKind: 'user' as const,
      subjectId: `user-${seq}`,
      details: { n: seq },
      prevHash,
    };
    prevHash = eventHash(e);
    rows.push({ ...e, hash: prevHash });
  }
  return rows;
}

/** Rewrites rows from index `from` on so each names the previous one's hash and hashes right. */
function rehash(rows: AuditEventRow[], from: number): void {
  for (let i = from; i < rows.length; i++) {
    const row = rows[i] as AuditEventRow;
    row.prevHash = i === 0 ? GENESIS_HASH : (rows[i - 1] as AuditEventRow).hash;
    row.hash = eventHash(row);
  }
}

class ArraySource implements ChainSource {
  rows: AuditEventRow[];
  headRow: ChainPoint | undefined;
  pagesRead = 0;
  largestPage = 0;
  constructor(rows: AuditEventRow[]) {
    this.rows = rows;
    const last = rows.at(-1);
    this.headRow = last ? { seq: last.seq, hash: last.hash } : undefined;
  }
  async head() {
    return this.headRow;
  }
  async page(after: number, upTo: number, limit: number) {
    this.pagesRead++;
    const page = this.rows.filter((r) => r.seq > after && r.seq <= upTo).sort((a, b) => a.seq - b.seq).slice(0, limit);
    this.largestPage = Math.max(this.largestPage, page.length);
    return page.map((r) => ({ ...r }));
  }
  async byHash(hash: string) {
    return this.rows.find((r) => r.hash === hash);
  }
  at(seq: number): AuditEventRow {
    const row = this.rows.find((r) => r.seq === seq);
    if (!row) throw new Error(`no row ${seq}`);
    return row;
  }
  delete(seq: number): void {
    this.rows = this.rows.filter((r) => r.seq !== seq);
  }
}

const walk = (s: ChainSource, anchors: ChainPoint[] = []) => walkChain(s, { pageSize: 7, anchors });

describe('walkChain', () => {
  it('passes an intact chain, reading it a page at a time, and reports its head', async () => {
    const s = new ArraySource(chain(20));
    const report = await walk(s, [{ seq: 10, hash: s.at(10).hash }, { seq: 0, hash: GENESIS_HASH }]);
    expect(report).toEqual({ ok: true, checked: 20, head: { seq: 20, hash: s.at(20).hash }, firstBreak: null, anchors: 2 });
    expect(s.largestPage).toBe(7);
    expect(s.pagesRead).toBe(3);
  });

  it('passes an empty log with the genesis as its head', async () => {
    expect(await walk(new ArraySource([]))).toEqual({ ok: true, checked: 0, head: { seq: 0, hash: GENESIS_HASH }, firstBreak: null, anchors: 0 });
  });

  it('finds an edited event: hash_mismatch at that event', async () => {
    const s = new ArraySource(chain(20));
    s.at(8).details = { n: 80 };
    expect(await walk(s)).toMatchObject({ ok: false, checked: 7, firstBreak: { seq: 8, kind: 'hash_mismatch' } });
  });

  it('finds a deleted event: gap at its seq, also for the first event', async () => {
    const s = new ArraySource(chain(20));
    s.delete(8);
    expect(await walk(s)).toMatchObject({ ok: false, checked: 7, firstBreak: { seq: 8, kind: 'gap', message: expect.stringMatching(/event 8 is missing \(the event after 7 is 9\)/) } });
    const t = new ArraySource(chain(5));
    t.delete(1);
    expect((await walk(t)).firstBreak).toMatchObject({ seq: 1, kind: 'gap', message: expect.stringMatching(/the first event stored is 2/) });
  });

  it('finds two swapped events: reordered at the first, naming where it was chained', async () => {
    const s = new ArraySource(chain(20));
    s.at(5).seq = -1;
    s.at(6).seq = 5;
    s.at(-1).seq = 6;
    expect(await walk(s)).toMatchObject({ ok: false, checked: 4, firstBreak: { seq: 5, kind: 'reordered', message: expect.stringMatching(/chained as event 6/) } });
    const t = new ArraySource(chain(3));
    t.at(1).seq = -1;
    t.at(2).seq = 1;
    t.at(-1).seq = 2;
    expect((await walk(t)).firstBreak).toMatchObject({ seq: 1, kind: 'reordered', message: expect.stringMatching(/chained as event 2/) });
  });

  it('finds an event deleted and the rest renumbered: hash_mismatch where the renumbering starts', async () => {
    const s = new ArraySource(chain(10));
    s.delete(4);
    for (const r of s.rows) if (r.seq > 4) r.seq--;
    s.headRow = { seq: 9, hash: s.at(9).hash };
    expect((await walk(s)).firstBreak).toMatchObject({ seq: 4, kind: 'hash_mismatch' });
  });

  it('finds an event rewritten and rehashed: prev_hash_mismatch at the next one', async () => {
    const s = new ArraySource(chain(20));
    const row = s.at(8);
    row.details = { n: 80 };
    row.hash = eventHash(row);
    expect(await walk(s)).toMatchObject({ ok: false, checked: 8, firstBreak: { seq: 9, kind: 'prev_hash_mismatch' } });
  });

  it('finds a deleted tail against the head row', async () => {
    const s = new ArraySource(chain(20));
    s.delete(20);
    s.delete(19);
    expect(await walk(s)).toMatchObject({ ok: false, checked: 18, firstBreak: { seq: 19, kind: 'truncated', message: expect.stringMatching(/head records event 20/) } });
  });

  it('finds a deleted tail whose head row was rewritten too only with an anchor', async () => {
    const s = new ArraySource(chain(20));
    const anchor = { seq: 20, hash: s.at(20).hash };
    s.delete(20);
    s.delete(19);
    s.headRow = { seq: 18, hash: s.at(18).hash };
    expect((await walk(s)).ok).toBe(true);
    expect(await walk(s, [anchor])).toMatchObject({ ok: false, checked: 18, firstBreak: { seq: 19, kind: 'truncated', message: expect.stringMatching(/anchor records event 20/) } });
  });

  it('finds a past rewritten with every later event rehashed only with an anchor at or after it', async () => {
    const s = new ArraySource(chain(20));
    const anchors = [{ seq: 5, hash: s.at(5).hash }, { seq: 12, hash: s.at(12).hash }];
    s.at(8).details = { n: 80 };
    rehash(s.rows, 7);
    s.headRow = { seq: 20, hash: s.at(20).hash };
    expect((await walk(s)).ok).toBe(true);
    expect(await walk(s, anchors)).toMatchObject({ ok: false, checked: 11, firstBreak: { seq: 12, kind: 'anchor_mismatch' } });
  });

  it('finds an edited or missing head row', async () => {
    const s = new ArraySource(chain(20));
    s.headRow = { seq: 20, hash: 'f'.repeat(64) };
    expect((await walk(s)).firstBreak).toMatchObject({ seq: 20, kind: 'head_mismatch' });
    s.headRow = undefined;
    expect(await walk(s)).toMatchObject({ ok: false, checked: 20, firstBreak: { seq: 20, kind: 'head_mismatch', message: expect.stringMatching(/missing/) } });
  });

  it('ignores events appended after the head it read (a walk during appends)', async () => {
    const rows = chain(12);
    const s = new ArraySource(rows.slice(0, 12));
    s.headRow = { seq: 10, hash: s.at(10).hash };
    expect(await walk(s)).toMatchObject({ ok: true, checked: 10, head: { seq: 10 } });
  });

  it('finds an emptied log with its head row gone only with an anchor', async () => {
    const s = new ArraySource(chain(3));
    const anchor = { seq: 3, hash: s.at(3).hash };
    s.rows = [];
    s.headRow = undefined;
    expect((await walk(s)).ok).toBe(true);
    expect((await walk(s, [anchor])).firstBreak).toMatchObject({ seq: 1, kind: 'truncated' });
  });

  it('refuses an anchor that names another genesis', async () => {
    expect((await walk(new ArraySource(chain(2)), [{ seq: 0, hash: 'a'.repeat(64) }])).firstBreak).toMatchObject({ seq: 0, kind: 'anchor_mismatch' });
  });
});
