// The append-only, hash-chained audit log (docs/audit.md): recordEvent inside a caller's
// transaction, AuditRecorder for facts without one, verification of the chain, and the admins'
// routes. Below auth (which records sign-ins here); it calls only org, db and errors.
export { AuditRecorder, type AuditSink, type RecorderLog } from './audit-recorder.ts';
export { AuditInputError, MAX_DETAILS_BYTES } from './auditable-json.ts';
export type { AuditEventRow } from './audit-events.table.ts';
export { eventHash, GENESIS_HASH, hashedText } from './event-hash.ts';
export { actorOf, recordEvent, SYSTEM_ACTOR, type AuditActor, type AuditEventInput, type RecordedEvent } from './record-event.ts';
export { auditRoutes, type AuditRoutesOptions } from './routes.ts';
export type { Transaction } from './transaction.ts';
export { verifyChain } from './verify-chain.ts';
export type { WalkOptions } from './walk-chain.ts';
