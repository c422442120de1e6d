import { AUDIT_ACTIONS, AUDIT_SUBJECT_KINDS, type AuditAction, type AuditJson, type AuditSubjectKind, type ChainPoint } from '../contract/audit.ts';
import { sql } from 'drizzle-orm';
import { builtOnce, pipelined } from '../db/index.ts';
import { auditEvents } from './audit-events.table.ts';
import { AuditInputError, auditableDetails } from './auditable-json.ts';
import { lockHead, moveHead } from './chain-head.ts';
import { eventHash, type ChainedEvent } from './event-hash.ts';
import type { Transaction } from './transaction.ts';

/** Who acted: a user and the unit they acted for. Null for the system, or a caller nobody knows. */
export interface AuditActor {
  userId: string | null;
  unitId: string | null;
}

export interface AuditEventInput {
  action: AuditAction;
  actor: AuditActor;
  subject?: { kind: AuditSubjectKind; id: string } | null;
  /** Small facts: ids, counts, short codes (≤ 4 KiB of canonical JSON). Undefined values are dropped. */
  details?: Record<string, AuditJson | undefined>;
}

/** The actor for a signed-in user (auth's Principal fits). */
export const actorOf = (principal: { id: string; unit: { id: string } }): AuditActor => ({ userId: principal.id, unitId: principal.unit.id });

export const SYSTEM_ACTOR: AuditActor = { userId: null, unitId: null };

export type RecordedEvent = ChainPoint & { at: Date };

/**
 * Chains one event inside the caller's transaction, so the event exists if and only if the
 * fact it records is committed (a rollback takes both, and leaves no gap in seq). It holds the
 * chain head's lock until the caller's transaction ends: call it as the last write, after any
 * slow work, so other appends do not wait behind it. Throws AuditInputError for input the log
 * cannot keep exactly (checked before the lock is taken).
 */
export async function recordEvent(tx: Transaction, input: AuditEventInput): Promise<RecordedEvent> {
  const event = storableFields(input);
  const head = await lockHead(tx);
  const seq = head.seq + 1;
  // The database's clock, but never before the previous event: at follows seq.
  const at = head.now.getTime() < head.at.getTime() ? head.at : head.now;
  const row: ChainedEvent = { seq, at, ...event, prevHash: head.hash };
  const hash = eventHash(row);
  await pipelined(insertEvent(tx, { ...row, hash }), moveHead(tx, { seq, hash, at }));
  return { seq, hash, at };
}

type EventRow = ChainedEvent & { hash: string };
const insertEvent = builtOnce<EventRow, unknown>('insert_audit_event', (db) =>
  db.insert(auditEvents).values({
    seq: sql.placeholder('seq'),
    at: sql.placeholder('at'),
    actorUserId: sql.placeholder('actorUserId'),
    actorUnitId: sql.placeholder('actorUnitId'),
    action: sql.placeholder('action'),
    subjectKind: sql.placeholder('subjectKind'),
    subjectId: sql.placeholder('subjectId'),
    details: sql.placeholder('details'),
    prevHash: sql.placeholder('prevHash'),
    hash: sql.placeholder('hash'),
  }),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The fields an event is hashed with, exactly as they will be read back from the database. */
export function storableFields(input: AuditEventInput): Omit<ChainedEvent, 'seq' | 'at' | 'prevHash'> {
  if (!AUDIT_ACTIONS.includes(input.action)) throw new AuditInputError(`unknown action "${String(input.action)}"`);
  const subject = input.subject ?? null;
  if (subject) {
    if (!AUDIT_SUBJECT_KINDS.includes(subject.kind)) throw new AuditInputError(`unknown subject kind "${String(subject.kind)}"`);
    if (typeof subject.id !== 'string' || subject.id.length === 0 || subject.id.length > 200 || !subject.id.isWellFormed() || subject.id.includes('\u0000')) {
      throw new AuditInputError('subject.id must be a non-empty string of at most 200 characters');
    }
  }
  return {
    actorUserId: uuidOrNull(input.actor.userId, 'actor.userId'),
    actorUnitId: uuidOrNull(input.actor.unitId, 'actor.unitId'),
    action: input.action,
    subjectKind: subject?.kind ?? null,
    subjectId: subject?.id ?? null,
    details: auditableDetails(input.details),
  };
}

// Postgres writes uuids in lowercase; the hash must see them as they will be read back.
function uuidOrNull(id: string | null, field: string): string | null {
  if (id === null) return null;
  if (!UUID.test(id)) throw new AuditInputError(`${field} must be a uuid or null`);
  return id.toLowerCase();
}
