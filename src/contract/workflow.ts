import { z } from 'zod';
import { personRefSchema } from './auth.ts';
import { documentDetailSchema, sha256Schema } from './documents.ts';

// The signing workflow (issue 11 points 1, 5, 6): a document's route of ordered steps, signing
// and rejecting from the tablet, the leader's inbox, batches under one authorisation, and the
// verification report (the same JSON as `ecabinet verify --json`). The workflow tables take
// their enums from here. Once published, this file only grows: the web UI is built on it.

/** review: an approval with a small initials box; personal: the Decree 30 signature; seal: the unit's seal and number. */
export const STEP_KINDS = ['review', 'personal', 'seal'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
/** waiting: an earlier step is not done; active: its signers may sign now; done; rejected: a signer refused. */
export const STEP_STATUSES = ['waiting', 'active', 'done', 'rejected'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const SIGNER_STATUSES = ['pending', 'signed', 'rejected'] as const;
export type SignerStatus = (typeof SIGNER_STATUSES)[number];
/** active: a step is waiting for signatures; done: every step signed; rejected: stopped by a signer. */
export const ROUTE_STATUSES = ['active', 'done', 'rejected'] as const;
export type RouteStatus = (typeof ROUTE_STATUSES)[number];

/** Default time a step may take before its pending signers are reminded. */
export const DEFAULT_DUE_HOURS = 48;

const isoTime = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------------------------------------
// Defining a route

export const routeStepDefinitionSchema = z.object({
  kind: z.enum(STEP_KINDS),
  /** Usernames; all of them must sign (in any order) before the next step starts. */
  signers: z.array(z.string().trim().min(1).max(100)).max(50),
});
export type RouteStepDefinition = z.infer<typeof routeStepDefinitionSchema>;

/** `POST /api/documents/:id/route` → 201 {@link routeViewSchema}. Steps run in the order given. */
export const routeDefinitionSchema = z.object({
  steps: z.array(routeStepDefinitionSchema).max(20),
  /** Hours each step may take from the moment it becomes active; default 48. */
  dueHours: z.number().positive().max(24 * 365).optional(),
});
export type RouteDefinition = z.infer<typeof routeDefinitionSchema>;

// ---------------------------------------------------------------------------------------------
// Where a document is on its route

export const routeSignerSchema = z
  .object({
    user: personRefSchema,
    status: z.enum(SIGNER_STATUSES),
    /** When he signed or rejected. */
    at: isoTime.nullable(),
    /** The document version his signature produced. */
    version: z.int().positive().nullable(),
    /** Why he rejected. */
    reason: z.string().nullable(),
  })
  .meta({ id: 'RouteSigner' });
export type RouteSigner = z.infer<typeof routeSignerSchema>;

export const routeStepSchema = z
  .object({
    /** 1-based position in the route. */
    position: z.int().positive(),
    kind: z.enum(STEP_KINDS),
    status: z.enum(STEP_STATUSES),
    signers: z.array(routeSignerSchema),
    /** When the step became active (null while waiting). */
    activatedAt: isoTime.nullable(),
    /** Pending signers are reminded once after this (null while waiting). */
    dueAt: isoTime.nullable(),
    overdue: z.boolean(),
    completedAt: isoTime.nullable(),
    /** Seal steps: the number the register gave the document, as printed ("12/UBND-VP"). */
    number: z.string().nullable(),
  })
  .meta({ id: 'RouteStep' });
export type RouteStep = z.infer<typeof routeStepSchema>;

export const routeViewSchema = z
  .object({
    id: z.uuid(),
    documentId: z.uuid(),
    status: z.enum(ROUTE_STATUSES),
    drafter: personRefSchema,
    createdAt: isoTime,
    completedAt: isoTime.nullable(),
    /** 1-based position of the active step; null once done or rejected. */
    currentStep: z.int().positive().nullable(),
    steps: z.array(routeStepSchema),
  })
  .meta({ id: 'SigningRoute' });
export type RouteView = z.infer<typeof routeViewSchema>;

/** What `GET /api/documents/:id` adds: the latest route (null when none was ever defined). */
export const documentRouteExtensionSchema = z.object({ route: routeViewSchema.nullable() });
export type DocumentRouteExtension = z.infer<typeof documentRouteExtensionSchema>;
/** `GET /api/documents/:id` as it answers with the workflow registered: the detail plus `route`. */
export const documentWithRouteSchema = documentDetailSchema.extend(documentRouteExtensionSchema.shape);
export type DocumentWithRoute = z.infer<typeof documentWithRouteSchema>;

// ---------------------------------------------------------------------------------------------
// Signing and rejecting

/** A box in PDF points from the bottom-left of the page as seen. */
export const signatureRectSchema = z.object({
  x: z.number().min(0).max(20_000),
  y: z.number().min(0).max(20_000),
  w: z.number().positive().max(20_000),
  h: z.number().positive().max(20_000),
});
export type SignatureRect = z.infer<typeof signatureRectSchema>;

const pin = z.string().max(64);
const code = z.string().max(16);
/** Seal steps: the register number to give instead of the next one (must be free this year). */
const registerNumber = z.int().positive().max(1_000_000_000);

/** Where to put the appearance; absent: the last page, bottom-left (review) or bottom-right (personal); a seal goes over the leader's signature. */
export const placementSchema = z.object({
  /** 1-based page number. */
  page: z.int().positive().max(100_000).optional(),
  rect: signatureRectSchema.optional(),
});
export type Placement = z.infer<typeof placementSchema>;

/**
 * Whose key signs: the signer's key kept on the server under his PIN (default), or the
 * non-extractable key on his tablet (issue 11.4), which the server asks over the socket to sign
 * the to-be-signed attributes. A seal is always the unit's key on the server.
 */
export const SIGNING_KEYS = ['server', 'device'] as const;
export type SigningKey = (typeof SIGNING_KEYS)[number];

/** `POST /api/documents/:id/sign` → 200 {@link signResponseSchema}. One PIN + one fresh code. */
export const signRequestSchema = placementSchema.extend({ pin, code, number: registerNumber.optional(), key: z.enum(SIGNING_KEYS).optional() });
export type SignRequest = z.infer<typeof signRequestSchema>;

export const signResponseSchema = z
  .object({
    /** The version the signature created. */
    version: z.int().positive(),
    sha256: sha256Schema,
    /** Seal steps: the document number as printed ("12/UBND-VP"). */
    number: z.string().optional(),
  })
  .meta({ id: 'SignResult' });
export type SignResponse = z.infer<typeof signResponseSchema>;

/** `POST /api/documents/:id/reject` → 200 {@link routeViewSchema}; the route stops. */
export const rejectRequestSchema = z.object({ reason: z.string().trim().min(1).max(2000) });
export type RejectRequest = z.infer<typeof rejectRequestSchema>;

// ---------------------------------------------------------------------------------------------
// The signer's inbox

export const inboxItemSchema = z
  .object({
    documentId: z.uuid(),
    title: z.string(),
    /** The current version, the one a signature would sign. */
    version: z.int().positive(),
    pages: z.int().positive(),
    stepKind: z.enum(STEP_KINDS),
    drafter: personRefSchema,
    /** When the step became active. */
    since: isoTime,
    dueAt: isoTime,
    overdue: z.boolean(),
  })
  .meta({ id: 'InboxItem' });
export type InboxItem = z.infer<typeof inboxItemSchema>;

/** `GET /api/me/inbox`: oldest first. */
export const inboxSchema = z.object({ items: z.array(inboxItemSchema) });
export type Inbox = z.infer<typeof inboxSchema>;

// ---------------------------------------------------------------------------------------------
// What the drafter sent: where each document is on its route (issue 11.1)

export const draftItemSchema = z
  .object({
    documentId: z.uuid(),
    title: z.string(),
    /** The current version: the last signature's, or the upload while nobody has signed. */
    version: z.int().positive(),
    pages: z.int().positive(),
    /** The newest route I drafted for the document. */
    route: z.object({
      status: z.enum(ROUTE_STATUSES),
      createdAt: isoTime,
      completedAt: isoTime.nullable(),
      stepsDone: z.int().nonnegative(),
      steps: z.int().positive(),
      /** The active step: what it asks and of whom (the signers who have not signed yet). */
      current: z
        .object({ position: z.int().positive(), kind: z.enum(STEP_KINDS), waitingFor: z.array(personRefSchema), dueAt: isoTime, overdue: z.boolean() })
        .nullable(),
      /** A rejected route: who refused, when and why. */
      rejection: z.object({ by: personRefSchema, at: isoTime, reason: z.string() }).nullable(),
    }),
  })
  .meta({ id: 'DraftItem' });
export type DraftItem = z.infer<typeof draftItemSchema>;

/** `GET /api/me/drafts`: the documents whose route I drafted, newest route first (at most {@link DRAFTS_LIMIT}). */
export const draftsSchema = z.object({ items: z.array(draftItemSchema) });
export type Drafts = z.infer<typeof draftsSchema>;
export const DRAFTS_LIMIT = 100;

// ---------------------------------------------------------------------------------------------
// Batches: many documents, one authorisation

export const batchItemRequestSchema = placementSchema.extend({ documentId: z.uuid() });
/** `POST /api/me/signing/batch` → 200 {@link batchResponseSchema}; progress as `signing.progress` pushes. */
export const batchSignRequestSchema = z.object({ pin, code, items: z.array(batchItemRequestSchema).min(1).max(500), key: z.enum(SIGNING_KEYS).optional() });
export type BatchSignRequest = z.infer<typeof batchSignRequestSchema>;

export const batchItemResultSchema = z.union([
  z.object({ documentId: z.uuid(), ok: z.literal(true), version: z.int().positive(), sha256: sha256Schema, number: z.string().optional() }),
  /** `code` is an error catalogue code (e.g. `signing.not_your_step`, `document.version_conflict`). */
  z.object({ documentId: z.uuid(), ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type BatchItemResult = z.infer<typeof batchItemResultSchema>;

export const batchResponseSchema = z
  .object({ signed: z.int().nonnegative(), failed: z.int().nonnegative(), items: z.array(batchItemResultSchema) })
  .meta({ id: 'BatchSignResult' });
export type BatchResponse = z.infer<typeof batchResponseSchema>;

/** Pushed to the signer's sockets as each batch item finishes (method `signing.progress`). */
export const signingProgressSchema = z.object({
  done: z.int().nonnegative(),
  total: z.int().positive(),
  /** The item just finished. */
  documentId: z.uuid(),
  ok: z.boolean(),
});
export type SigningProgress = z.infer<typeof signingProgressSchema>;

/** What the workflow pushes over socket.io (composed into `Notification` in realtime.ts). */
export type WorkflowNotification = { method: 'signing.progress'; data: SigningProgress };

// ---------------------------------------------------------------------------------------------
// Verification: the report of `ecabinet verify --json` (src/signing/verify/types.ts), as one
// schema the CLI, `GET /api/documents/:id/verification` and `POST /api/verification` share.

const checkProblems = z.array(z.string());

export const REVISION_KINDS = ['inert', 'dss', 'timestamp', 'signature', 'form-filling', 'annotations', 'other'] as const;
export const SIGNATURE_STATUSES = ['valid', 'invalid', 'modified', 'revoked', 'untrusted'] as const;
export const SIGNATURE_LEVELS = ['B-B', 'B-T', 'B-LT', 'B-LTA', 'none', 'unknown'] as const;

export const revisionReportSchema = z.object({
  /** 0 is the original file. */
  index: z.int().nonnegative(),
  end: z.int().nonnegative(),
  kind: z.enum([...REVISION_KINDS, 'base']),
  allowed: z.boolean(),
  details: z.array(z.string()),
});

export const signatureReportSchema = z
  .object({
    fieldName: z.string(),
    kind: z.enum(['signature', 'document-timestamp']),
    ok: z.boolean(),
    status: z.enum(SIGNATURE_STATUSES),
    modifications: z.array(z.string()),
    signer: z.object({ commonName: z.string().nullable(), subject: z.string(), issuer: z.string(), serialNumber: z.string() }).nullable(),
    organisation: z.string().nullable(),
    /** /M of the signature dictionary (claimed, not proven). */
    signingTime: z.string().nullable(),
    timestampTime: z.string().nullable(),
    algorithm: z.string().nullable(),
    subFilter: z.string().nullable(),
    byteRange: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    coversWholeFile: z.boolean(),
    revision: z.int().nullable(),
    integrity: z.object({
      ok: z.boolean(),
      problems: checkProblems,
      digestMatches: z.boolean(),
      signatureValid: z.boolean(),
      certBindingValid: z.boolean(),
    }),
    chain: z.object({ ok: z.boolean(), problems: checkProblems, trusted: z.boolean(), checkedAt: z.string(), path: z.array(z.string()) }),
    revocation: z.object({
      status: z.enum(['good', 'revoked', 'unknown']),
      source: z.enum(['dss', 'given', 'none']),
      revokedAt: z.string().optional(),
      problems: checkProblems,
    }),
    timestamp: z.object({ present: z.boolean(), valid: z.boolean(), time: z.string().nullable(), tsa: z.string().nullable(), problems: checkProblems }),
    level: z.enum(SIGNATURE_LEVELS),
    modifiedAfter: z.array(revisionReportSchema),
  })
  .meta({ id: 'SignatureReport' });
export type SignatureReportView = z.infer<typeof signatureReportSchema>;

/** A file that could be read: one row per signature and the document's revisions. */
export const verificationReportSchema = z
  .object({
    /** Every signature is intact and trusted (and there is at least one). */
    ok: z.boolean(),
    signatures: z.array(signatureReportSchema),
    document: z.object({
      size: z.int().nonnegative(),
      revisions: z.array(revisionReportSchema),
      docMdp: z.object({ permissions: z.union([z.literal(1), z.literal(2), z.literal(3)]), fieldName: z.string().nullable() }).nullable(),
      trailingBytes: z.int().nonnegative(),
      problems: z.array(z.string()),
    }),
  })
  .meta({ id: 'VerificationReport' });
export type VerificationReportView = z.infer<typeof verificationReportSchema>;

/** A file that could not be verified (not a PDF, damaged, encrypted…): `code` is a signing error code. */
export const verificationFailureSchema = z
  .object({ ok: z.literal(false), error: z.object({ code: z.string().nullable(), message: z.string() }) })
  .meta({ id: 'VerificationFailure' });
export type VerificationFailure = z.infer<typeof verificationFailureSchema>;

/** `ecabinet verify --json` prints one of these; the HTTP routes answer the report (a failure is an error). */
export const verifyJsonSchema = z.union([verificationReportSchema, verificationFailureSchema]);
export type VerifyJson = z.infer<typeof verifyJsonSchema>;

/** `GET /api/documents/:id/verification?version=n` (default: the current version). */
export const verificationQuerySchema = z.object({ version: z.coerce.number().int().positive().max(1_000_000).optional() });

/** The answer of both verification routes is exactly the report (`ecabinet verify --json` of a readable file). */
export const verificationResponseSchema = verificationReportSchema;
export type VerificationResponse = VerificationReportView;
