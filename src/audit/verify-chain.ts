import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { ChainReport } from '../contract/audit.ts';
import type { Tx } from '../db/index.ts';
import { auditEvents } from './audit-events.table.ts';
import { readHead } from './chain-head.ts';
import { walkChain, type ChainSource, type WalkOptions } from './walk-chain.ts';

/** The chain as stored in audit_events and audit_chain_head, read a page at a time by seq. */
export function databaseChainSource(db: Tx): ChainSource {
  return {
    head: () => readHead(db),
    page: (after, upTo, limit) =>
      db
        .select()
        .from(auditEvents)
        .where(and(gt(auditEvents.seq, after), lte(auditEvents.seq, upTo)))
        .orderBy(asc(auditEvents.seq))
        .limit(limit),
    byHash: async (hash) => (await db.select().from(auditEvents).where(eq(auditEvents.hash, hash)).limit(1))[0],
  };
}

/** Verifies the stored chain from the genesis (`ecabinet audit verify`, `GET /api/audit/verify`). */
export function verifyChain(db: Tx, opts: WalkOptions = {}): Promise<ChainReport> {
  return walkChain(databaseChainSource(db), opts);
}
