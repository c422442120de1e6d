import { z } from 'zod';
import { dateTime, text } from './text.ts';

// The audit log's shapes: the closed lists of actions and subject kinds (the audit_events table
// takes its enums from here), an event as the admin API returns it, and the chain verification
// report (`GET /api/audit/verify`, `ecabinet audit verify --json`). docs/audit.md specifies how
// an event is hashed, so anyone holding these JSON shapes can recompute the chain.

/**
 * Every action the log records, `<area>.<verb>`. Closed: adding one is a change here plus a
 * migration (`npm run db:generate` adds the enum value), and a line in docs/audit.md.
 */
export const AUDIT_ACTIONS = [
  // auth
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  // meetings (scheduling) and realtime (attendance, moderation)
  'meeting.create',
  'meeting.update',
  'meeting.join',
  'meeting.leave',
  'meeting.remove',
  // documents
  'document.upload',
  'document.view',
  'document.verify',
  // workflow: signing routes and their steps
  'route.change',
  'document.sign',
  'document.reject',
  'document.seal',
  // floor and votes
  'floor.request',
  'floor.grant',
  'floor.end',
  'vote.open',
  'vote.cast',
  'vote.close',
  // minutes
  'minutes.finalise',
  // key custody
  'credential.enroll',
  'credential.lock',
  'credential.unlock',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

/** What an event is about. Closed like the actions. */
export const AUDIT_SUBJECT_KINDS = ['user', 'unit', 'meeting', 'agenda_item', 'document', 'vote', 'floor_request', 'credential'] as const;
export const auditSubjectKindSchema = z.enum(AUDIT_SUBJECT_KINDS);
export type AuditSubjectKind = z.infer<typeof auditSubjectKindSchema>;

/** A SHA-256 in lowercase hex, as `hash` and `prevHash` are written. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** JSON as `details` may hold it (validated further, and size-limited, when an event is recorded). */
export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };
export type AuditDetails = { [key: string]: AuditJson };
const auditJsonSchema: z.ZodType<AuditJson> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(auditJsonSchema), z.record(z.string(), auditJsonSchema)]),
);

export const auditEventSchema = z
  .object({
    /** Position in the chain: 1, 2, 3 … without gaps, in the order the events were chained. */
    seq: z.int().positive(),
    /** When the event was chained (the database's clock, millisecond precision, never before the previous event). */
    at: z.iso.datetime(),
    /** Who acted: a user and the unit they acted for; null for the system or an unknown caller. */
    actor: z.object({ userId: z.uuid().nullable(), unitId: z.uuid().nullable() }),
    action: auditActionSchema,
    subject: z.object({ kind: auditSubjectKindSchema, id: z.string() }).nullable(),
    /** Small facts about the event: ids, counts, short codes — never documents. */
    details: z.record(z.string(), auditJsonSchema),
    prevHash: sha256HexSchema,
    hash: sha256HexSchema,
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** `GET /api/audit`: newest first, a page at a time (`before` = the last page's `nextBefore`). */
export const auditQuerySchema = z.object({
  /** Only events of actors in this unit's subtree (which must lie within the caller's). */
  unitId: z.uuid().optional(),
  action: auditActionSchema.optional(),
  actorUserId: z.uuid().optional(),
  subjectKind: auditSubjectKindSchema.optional(),
  subjectId: text({ max: 200 }).optional(),
  from: dateTime().optional(),
  to: dateTime().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  /** Pass as `before` for the next (older) page; null when this was the last. */
  nextBefore: z.int().positive().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** What can be wrong at the first broken link of the chain. */
export const CHAIN_BREAK_KINDS = [
  /** The stored fields do not hash to the stored hash: the row was edited. */
  'hash_mismatch',
  /** The row's prev_hash is not the previous row's hash: an earlier row was rewritten and rehashed, or replaced. */
  'prev_hash_mismatch',
  /** A seq is missing: rows were deleted. */
  'gap',
  /** The row is intact but was chained at another seq: rows were reordered. */
  'reordered',
  /** The chain ends before the head (or an anchor) says it does: the newest events were deleted. */
  'truncated',
  /** The head row disagrees with the chain (another hash, or missing while events exist). */
  'head_mismatch',
  /** An anchor recorded outside the database names another hash for its seq: events up to it were rewritten. */
  'anchor_mismatch',
] as const;
export type ChainBreakKind = (typeof CHAIN_BREAK_KINDS)[number];

export const chainPointSchema = z.object({ seq: z.int().nonnegative(), hash: sha256HexSchema });
export type ChainPoint = z.infer<typeof chainPointSchema>;

export const chainReportSchema = z
  .object({
    ok: z.boolean(),
    /** Events checked (all of them when ok, those before the break otherwise). */
    checked: z.int().nonnegative(),
    /** The head this run verified up to (seq 0 and the genesis hash for an empty log): record it outside as an anchor. */
    head: chainPointSchema,
    /** The first broken link, or null when the chain is intact. */
    firstBreak: z
      .object({ seq: z.int().nonnegative(), kind: z.enum(CHAIN_BREAK_KINDS), message: z.string() })
      .nullable(),
    /** How many anchors were checked against the chain. */
    anchors: z.int().nonnegative(),
  })
  .meta({ id: 'AuditChainReport' });
export type ChainReport = z.infer<typeof chainReportSchema>;
