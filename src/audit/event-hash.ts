import { createHash } from 'node:crypto';
import type { AuditEventRow } from './audit-events.table.ts';
import { canonicalJson } from './canonical-json.ts';

/** prev_hash of the first event (seq 1): fixed, so every chain starts from the same point. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event as it is hashed: every column but the hash itself. */
export type ChainedEvent = Omit<AuditEventRow, 'hash'>;

/**
 * The exact text that is hashed (docs/audit.md, "Hash"): RFC 8785 canonical JSON of a version-1
 * object naming every field. seq is a decimal string (JSON numbers are doubles); at is ISO 8601
 * UTC with milliseconds, as the column stores it; ids are lowercase, as Postgres writes uuids.
 */
export function hashedText(e: ChainedEvent): string {
  return canonicalJson({
    v: 1,
    seq: String(e.seq),
    at: e.at.toISOString(),
    actor: { user: e.actorUserId, unit: e.actorUnitId },
    action: e.action,
    subject: e.subjectKind === null || e.subjectId === null ? null : { kind: e.subjectKind, id: e.subjectId },
    details: e.details,
    prevHash: e.prevHash,
  });
}

/** SHA-256 of hashedText's UTF-8 bytes, lowercase hex. */
export function eventHash(e: ChainedEvent): string {
  return createHash('sha256').update(hashedText(e), 'utf8').digest('hex');
}
