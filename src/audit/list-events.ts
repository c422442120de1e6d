import { and, desc, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import type { AuditEvent, AuditPage, AuditQuery } from '../contract/audit.ts';
import type { Tx } from '../db/index.ts';
import { auditEvents, type AuditEventRow } from './audit-events.table.ts';

/** Whose events a reader may see: those of actors in these units, or every event. */
export type AuditScope = { unitIds: readonly string[] } | 'everything';

/** A page of events, newest first, within the scope and the query's filters. */
export async function listEvents(db: Tx, scope: AuditScope, q: AuditQuery): Promise<AuditPage> {
  const conditions: (SQL | undefined)[] = [
    scope === 'everything' ? undefined : inArray(auditEvents.actorUnitId, [...scope.unitIds]),
    q.action ? eq(auditEvents.action, q.action) : undefined,
    q.actorUserId ? eq(auditEvents.actorUserId, q.actorUserId) : undefined,
    q.subjectKind ? eq(auditEvents.subjectKind, q.subjectKind) : undefined,
    q.subjectId ? eq(auditEvents.subjectId, q.subjectId) : undefined,
    q.from ? gte(auditEvents.at, new Date(q.from)) : undefined,
    q.to ? lte(auditEvents.at, new Date(q.to)) : undefined,
    q.before ? lt(auditEvents.seq, q.before) : undefined,
  ];
  if (scope !== 'everything' && scope.unitIds.length === 0) return { events: [], nextBefore: null };
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.seq))
    .limit(q.limit);
  const last = rows.at(-1);
  return { events: rows.map(toWire), nextBefore: rows.length === q.limit && last ? last.seq : null };
}

/** A row as the API shows it: the fields docs/audit.md hashes, so a reader can recompute the chain. */
export function toWire(row: AuditEventRow): AuditEvent {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: { userId: row.actorUserId, unitId: row.actorUnitId },
    action: row.action,
    subject: row.subjectKind === null || row.subjectId === null ? null : { kind: row.subjectKind, id: row.subjectId },
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
