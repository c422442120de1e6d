import type { Pusher } from '../contract/realtime.ts';
import type { Db } from '../db/index.ts';
import type { CertificateIssuer } from '../pki/index.ts';
import type { DeviceAnswers } from './device-answers.ts';
import type { KdfParams } from './key-envelope.ts';

/** What every use case of key custody needs, made once by createCredentials and passed in. */
export interface CredentialsDeps {
  readonly db: Db;
  /** The key-encryption key from outside the database (server-key.ts). */
  readonly serverKey: Uint8Array;
  /** The configured CA, when it can issue here (the development PKI); without one, keys are imported. */
  readonly issuer: CertificateIssuer | undefined;
  readonly pusher: Pusher;
  readonly clock: () => Date;
  readonly kdf: KdfParams;
  readonly policy: CredentialsPolicy;
  /** Wakes a DeviceSigner waiting in this process when its tablet answers here. */
  readonly deviceAnswers: DeviceAnswers;
}

export interface CredentialsPolicy {
  /** Failed authorisations (wrong PIN or wrong code) before signing locks until an admin unlocks. */
  readonly maxAttempts: number;
  /** How long an act token may be used after its PIN and code. */
  readonly actTtlMs: number;
  /** Documents one act may cover (a batch). */
  readonly maxDocumentsPerAct: number;
  /** How long a tablet has to answer a signing request. */
  readonly deviceTimeoutMs: number;
  /** How often a waiting DeviceSigner looks at the database for an answer that reached another node. */
  readonly devicePollMs: number;
}

export const DEFAULT_POLICY: CredentialsPolicy = {
  maxAttempts: 5,
  actTtlMs: 5 * 60_000,
  maxDocumentsPerAct: 500,
  deviceTimeoutMs: 120_000,
  devicePollMs: 500,
};
