import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.ts';
import { CREDENTIAL_KINDS, CREDENTIAL_SOURCES, KEY_ALGORITHMS } from '../contract/credentials.ts';
import { units } from '../org/units.table.ts';

// Key custody. Nothing here signs on its own: a personal key is sealed under its owner's PIN
// and the server's key-encryption key (a file outside the database), a seal key under the
// latter, TOTP secrets too, and an act's unwrapped key under a secret only the act's holder has.
// A dump of these tables holds ciphertext and public certificates. docs/signing-keys.md.

export const credentialKindEnum = pgEnum('credential_kind', CREDENTIAL_KINDS);
export const credentialSourceEnum = pgEnum('credential_source', CREDENTIAL_SOURCES);
export const keyAlgorithmEnum = pgEnum('key_algorithm', KEY_ALGORITHMS);
/** pending: an admin imported it for a user, waiting for his PIN; active: in use; retired: replaced. */
export const credentialStatusEnum = pgEnum('credential_status', ['pending', 'active', 'retired']);

export const signingCredentials = pgTable(
  'signing_credentials',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    kind: credentialKindEnum('kind').notNull(),
    source: credentialSourceEnum('source').notNull(),
    status: credentialStatusEnum('status').notNull(),
    /** The holder: personal and device credentials. */
    userId: uuid('user_id').references(() => users.id),
    /** The unit whose seal it is (seal credentials). */
    unitId: uuid('unit_id').references(() => units.id),
    keyAlgorithm: keyAlgorithmEnum('key_algorithm').notNull(),
    /** DER, base64: public. */
    certificate: text('certificate').notNull(),
    /** Issuers up to the root, DER base64, nearest first. */
    chain: text('chain').array().notNull(),
    subject: text('subject').notNull(),
    issuer: text('issuer').notNull(),
    serialNumber: text('serial_number').notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    /** The private key (PKCS#8) in a key envelope (key-envelope.ts); null for a tablet-held key. */
    sealedKey: text('sealed_key'),
    label: text('label'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    // One personal key and one pending import per user, one seal per unit at a time: the
    // database decides between two simultaneous enrolments or issuances.
    uniqueIndex('signing_credentials_personal_uq').on(t.userId).where(sql`${t.kind} = 'personal' and ${t.status} = 'active'`),
    uniqueIndex('signing_credentials_pending_uq').on(t.userId).where(sql`${t.kind} = 'personal' and ${t.status} = 'pending'`),
    uniqueIndex('signing_credentials_seal_uq').on(t.unitId).where(sql`${t.kind} = 'seal' and ${t.status} = 'active'`),
    index('signing_credentials_user_idx').on(t.userId),
  ],
);

/** A user's authenticator (RFC 6238) and the replay guard: the last time step a code was spent on. */
export const totpSecrets = pgTable('totp_secrets', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The base32 secret in a key envelope under the server key (the server must read it to check codes). */
  sealedSecret: text('sealed_secret').notNull(),
  /** Null until the first code proves the app holds the secret. */
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** Codes are accepted only for a later step than this one: each code authorises one act. */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Failed authorisations (wrong PIN or code) and the lock an admin lifts. */
export const signingPinStates = pgTable('signing_pin_states', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Attempts counted before they are checked, so parallel guesses cannot pass the limit. */
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedAt: timestamp('locked_at', { withTimezone: true }),
  unlockedBy: uuid('unlocked_by').references(() => users.id),
  pinChangedAt: timestamp('pin_changed_at', { withTimezone: true }),
});

/** A signing act: one PIN + one code for a batch of documents, each usable once, for minutes. */
export const signingActs = pgTable(
  'signing_acts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The PIN-derived key, wrapped under a secret that only the act token carries. */
    wrappedKey: text('wrapped_key').notNull(),
    documents: text('documents').array().notNull(),
    usedDocuments: text('used_documents').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('signing_acts_user_idx').on(t.userId)],
);

export const deviceRequestStatusEnum = pgEnum('device_request_status', ['pending', 'signed', 'refused', 'expired']);

/**
 * A signature asked of a tablet. In the database rather than in memory: the tablet's answer
 * may reach another node than the one waiting for it, and it finds the row there.
 */
export const deviceSigningRequests = pgTable(
  'device_signing_requests',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    credentialId: uuid('credential_id')
      .notNull()
      .references(() => signingCredentials.id),
    documentId: text('document_id').notNull(),
    /** Base64 of the DER signed attributes: public (they hold the document digest, not the document). */
    toBeSigned: text('to_be_signed').notNull(),
    status: deviceRequestStatusEnum('status').notNull().default('pending'),
    /** The signature as the engine embeds it (ECDSA: DER Ecdsa-Sig-Value), base64. */
    signature: text('signature'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [index('device_signing_requests_user_idx').on(t.userId)],
);

export type SigningCredentialRow = typeof signingCredentials.$inferSelect;
export type DeviceSigningRequestRow = typeof deviceSigningRequests.$inferSelect;
