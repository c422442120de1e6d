// The two contenders and the load: the audit chain's append (recordEvent in its own
// transaction), and as reference the same event — same validation, same hash, same row shape
// and indexes — inserted into a plain table with a sequence instead of the chain head lock.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { recordEvent, type AuditActor, type AuditEventInput } from '../../src/audit/index.ts';
import type { Db } from '../../src/db/index.ts';

export type Append = (n: number) => Promise<void>;

const event = (actor: AuditActor, n: number): AuditEventInput => ({
  action: 'document.view',
  actor,
  subject: { kind: 'document', id: `bench-${n % 997}` },
  details: { version: (n % 7) + 1, bytes: 1_048_576 + n },
});

export function chainAppend(db: Db, actor: AuditActor): Append {
  return async (n) => {
    await db.transaction((tx) => recordEvent(tx, event(actor, n)));
  };
}

/** The reference table: audit_events' columns and indexes, seq from a sequence, no chain. */
export async function createReferenceTable(db: Db): Promise<void> {
  await db.execute(sql`create table bench_plain_events (like audit_events including defaults including constraints including indexes)`);
  // LIKE copies no foreign keys; the chain's table checks the actor's user and unit, so this does too.
  await db.execute(sql`alter table bench_plain_events add foreign key (actor_user_id) references users (id), add foreign key (actor_unit_id) references units (id)`);
  await db.execute(sql`create sequence bench_plain_seq`);
}

export function referenceAppend(db: Db, actor: AuditActor): Append {
  return async (n) => {
    const e = event(actor, n);
    const details = JSON.stringify(e.details);
    // Hashing is part of both contenders; only the head lock and its update differ.
    const prev = randomBytes(32).toString('hex');
    const hash = createHash('sha256').update(`${details}${prev}${n}`).digest('hex');
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into bench_plain_events (seq, at, actor_user_id, actor_unit_id, action, subject_kind, subject_id, details, prev_hash, hash)
        values (nextval('bench_plain_seq'), clock_timestamp(), ${e.actor.userId}, ${e.actor.unitId}, ${e.action}, ${e.subject?.kind ?? null}, ${e.subject?.id ?? null}, ${details}::jsonb, ${prev}, ${hash})`);
    });
  };
}

export interface LoadResult {
  writers: number;
  appends: number;
  wallMs: number;
  /** Each append from its start to its commit, ms. */
  latencies: number[];
}

/** `total` appends shared by `writers` loops running at once, each append timed. */
export async function runLoad(append: Append, writers: number, total: number, firstN: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        await append(firstN + i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { writers, appends: total, wallMs: performance.now() - start, latencies };
}
