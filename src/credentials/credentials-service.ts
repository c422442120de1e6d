import type { Principal } from '../auth/index.ts';
import type { CertificateInfo, DeviceAnswer, EnrollResponse, SignatureRequested, SigningStatus } from '../contract/credentials.ts';
import type { Pusher } from '../contract/realtime.ts';
import type { Db } from '../db/index.ts';
import type { CertificateIssuer } from '../pki/index.ts';
import type { Signer } from '../signing/index.ts';
import type { SigningAct } from './act-token.ts';
import { answerDeviceRequest, pendingDeviceRequests } from './answer-device-request.ts';
import { authoriseAct } from './authorise-act.ts';
import { changePin } from './change-pin.ts';
import { confirmEnrolment } from './confirm-enrolment.ts';
import { activeCredential, certificateInfo } from './credential-store.ts';
import { DEFAULT_POLICY, type CredentialsDeps, type CredentialsPolicy } from './deps.ts';
import { DeviceAnswers } from './device-answers.ts';
import { enrollSigner } from './enroll-signer.ts';
import { importCredentialFor, importOwnCredential, importSeal } from './import-credential.ts';
import { issueSeal } from './issue-seal.ts';
import { DEFAULT_KDF, type KdfParams } from './key-envelope.ts';
import { registerDeviceKey } from './register-device-key.ts';
import { openAct, signerFor, type OpenedAct, type SignerRequest } from './signer-for.ts';
import { retireDeviceKey, signingStatus } from './signing-status.ts';
import { unlockSigning } from './unlock-signing.ts';

/**
 * Key custody as the rest of the server uses it: routes (HTTP) and the signing workflow, which
 * calls `authoriseAct` and `openAct` once per batch, then the opened act's `signerFor` once per document.
 */
export interface Credentials {
  enroll(input: { userId: string; pin: string }): Promise<EnrollResponse>;
  confirm(input: { userId: string; code: string }): Promise<void>;
  changePin(input: { userId: string; pin: string; newPin: string }): Promise<void>;
  status(userId: string): Promise<SigningStatus>;
  /** One PIN + one fresh code for a batch: the act (and its token) the workflow spends per document. */
  authoriseAct(input: { userId: string; pin: string; code: string; documents: readonly string[] }): Promise<SigningAct>;
  /** The Signer for one document of the act (or of its token): personal key, the unit's seal, or the tablet key. */
  signerFor(act: SigningAct | string, request: SignerRequest): Promise<Signer>;
  /** The act opened once for many documents: each key unwrapped once, each document still spent once. */
  openAct(act: SigningAct | string): Promise<OpenedAct>;
  unlock(input: { admin: Principal; userId: string }): Promise<void>;
  registerDeviceKey(input: { userId: string; csr: string; pin: string; label?: string }): Promise<CertificateInfo>;
  retireDeviceKey(input: { userId: string; credentialId: string }): Promise<boolean>;
  answerDeviceRequest(input: { userId: string; requestId: string; answer: DeviceAnswer }): Promise<void>;
  pendingDeviceRequests(userId: string): Promise<SignatureRequested[]>;
  importOwn(input: { userId: string; p12: string; password: string; pin: string }): Promise<CertificateInfo>;
  importFor(input: { userId: string; p12: string; password: string; createdBy: string }): Promise<CertificateInfo>;
  importSeal(input: { unitId: string; p12: string; password: string; createdBy: string }): Promise<CertificateInfo>;
  /** The unit's seal, issued now by the configured CA when it has none (or `replace`). */
  issueSeal(input: { unitId: string; createdBy?: string; replace?: boolean }): Promise<CertificateInfo>;
  seal(unitId: string): Promise<CertificateInfo | null>;
}

export interface CredentialsOptions {
  db: Db;
  serverKey: Uint8Array;
  issuer?: CertificateIssuer;
  pusher: Pusher;
  clock?: () => Date;
  kdf?: KdfParams;
  policy?: Partial<CredentialsPolicy>;
}

export function createCredentials(opts: CredentialsOptions): Credentials {
  if (opts.serverKey.length !== 32) throw new RangeError('the server key must be 32 bytes');
  const deps: CredentialsDeps = {
    db: opts.db,
    serverKey: opts.serverKey,
    issuer: opts.issuer,
    pusher: opts.pusher,
    clock: opts.clock ?? (() => new Date()),
    kdf: opts.kdf ?? DEFAULT_KDF,
    policy: { ...DEFAULT_POLICY, ...opts.policy },
    deviceAnswers: new DeviceAnswers(),
  };
  return {
    enroll: (input) => enrollSigner(deps, input),
    confirm: (input) => confirmEnrolment(deps, input),
    changePin: (input) => changePin(deps, input),
    status: (userId) => signingStatus(deps, userId),
    authoriseAct: (input) => authoriseAct(deps, input),
    signerFor: (act, request) => signerFor(deps, act, request),
    openAct: (act) => openAct(deps, act),
    unlock: (input) => unlockSigning(deps, input),
    registerDeviceKey: (input) => registerDeviceKey(deps, input),
    retireDeviceKey: (input) => retireDeviceKey(deps, input),
    answerDeviceRequest: (input) => answerDeviceRequest(deps, input),
    pendingDeviceRequests: (userId) => pendingDeviceRequests(deps, userId),
    importOwn: (input) => importOwnCredential(deps, input),
    importFor: (input) => importCredentialFor(deps, input),
    importSeal: (input) => importSeal(deps, input),
    issueSeal: async (input) => certificateInfo(await issueSeal(deps, input)),
    seal: async (unitId) => {
      const row = await activeCredential(deps.db, 'seal', { unitId });
      return row ? certificateInfo(row) : null;
    },
  };
}
