import { eq, sql } from 'drizzle-orm';
import type { ChainPoint } from '../contract/audit.ts';
import { builtOnce, placeholderFor, type Tx } from '../db/index.ts';
import { auditChainHead } from './audit-events.table.ts';
import { GENESIS_HASH } from './event-hash.ts';
import type { Transaction } from './transaction.ts';

const HEAD_ID = 1;

export interface LockedHead extends ChainPoint {
  at: Date;
  /** The database's clock (clock_timestamp(), whole milliseconds): one clock for every node. */
  now: Date;
}

/**
 * Locks the chain head row until the transaction ends and returns it. Every append goes
 * through here, so appends from any process or node take turns: each chains after the head the
 * previous one left, and a second writer cannot read the same head (no fork). The row is
 * created on first use; two first appends meet on its primary key and then on its lock.
 * Under REPEATABLE READ or SERIALIZABLE a concurrent append makes this fail with a
 * serialization error (retry the transaction), never fork.
 */
export async function lockHead(tx: Transaction): Promise<LockedHead> {
  const select = () => selectHeadForUpdate(tx, {});
  let [head] = await select();
  if (!head) {
    await tx.insert(auditChainHead).values({ id: HEAD_ID, seq: 0, hash: GENESIS_HASH, at: new Date(0) }).onConflictDoNothing();
    [head] = await select();
  }
  if (!head) throw new Error('audit: the chain head row cannot be created');
  return { seq: head.seq, hash: head.hash, at: head.at, now: new Date(head.now) };
}

export async function moveHead(tx: Transaction, to: ChainPoint & { at: Date }): Promise<void> {
  await updateHead(tx, to);
}

// Every event takes these two (built once: src/db/built-once.ts).
const selectHeadForUpdate = builtOnce<Record<string, never>, { seq: number; hash: string; at: Date; now: number }[]>('lock_audit_head', (db) =>
  db
    .select({
      seq: auditChainHead.seq,
      hash: auditChainHead.hash,
      at: auditChainHead.at,
      now: sql<number>`floor(extract(epoch from clock_timestamp()) * 1000)::float8`.mapWith(Number),
    })
    .from(auditChainHead)
    .where(eq(auditChainHead.id, HEAD_ID))
    .for('update'),
);
const updateHead = builtOnce<ChainPoint & { at: Date }, unknown>('move_audit_head', (db) =>
  db
    .update(auditChainHead)
    .set({ seq: placeholderFor(auditChainHead.seq, 'seq'), hash: placeholderFor(auditChainHead.hash, 'hash'), at: placeholderFor(auditChainHead.at, 'at') })
    .where(eq(auditChainHead.id, HEAD_ID)),
);

/** The head as committed now (no lock); undefined before the first event. */
export async function readHead(db: Tx): Promise<ChainPoint | undefined> {
  const [head] = await db.select({ seq: auditChainHead.seq, hash: auditChainHead.hash }).from(auditChainHead).where(eq(auditChainHead.id, HEAD_ID));
  return head;
}
