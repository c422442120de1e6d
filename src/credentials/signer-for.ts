import { createPrivateKey, type KeyObject } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { builtOnce, placeholderFor } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { assertCertificateUsable, createKeySigner, type Signer } from '../signing/index.ts';
import { parseActToken, type SigningAct } from './act-token.ts';
import { activeCredential, envelopeAad, fromDer64 } from './credential-store.ts';
import { signingActs, type SigningCredentialRow } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';
import { createDeviceSigner } from './device-signer.ts';
import { issueSeal } from './issue-seal.ts';
import { EnvelopeError, openUnderSecret, openWithPinKey } from './key-envelope.ts';
import { accountOf } from './subjects.ts';

export type SignerRequest =
  | { kind: 'personal'; documentId: string }
  | { kind: 'seal'; unitId: string; documentId: string }
  /** The signer's tablet-held key (the newest, unless `credentialId` names one). */
  | { kind: 'device'; documentId: string; credentialId?: string };

/** An authorised act opened for signing: the Signer for each of its documents, then close(). */
export interface OpenedAct {
  /**
   * The Signer for one document of the act: the act's user's personal key, his unit's seal
   * (clerks of that unit only), or his tablet key; the document is spent (usable once). Errors:
   * `signing.act_invalid` (expired, spent, or not in the act), `signing.not_seal_holder`,
   * `signing.no_seal`, `signing.no_device_key`, and the engine's certificate checks.
   */
  signerFor(request: SignerRequest): Promise<Signer>;
  /** Forgets the act's keys; signerFor refuses afterwards. */
  close(): void;
}

/**
 * Opens an act once for the documents signed under it. A batch of a hundred documents used to
 * find the act, unwrap the PIN key, read the credential and import the private key once per
 * document; now once per key (personal, or one seal per unit) — the key stays in OpenSSL's
 * memory until close(), which the caller calls when the batch ends. Each document is still
 * spent by its own conditional UPDATE. `signing.act_invalid` for an unknown or forged token.
 */
export async function openAct(deps: CredentialsDeps, act: SigningAct | string): Promise<OpenedAct> {
  const { id, secret } = parseActToken(typeof act === 'string' ? act : act.token);
  const [row] = await deps.db.select().from(signingActs).where(eq(signingActs.id, id)).limit(1);
  if (!row) throw new AppError('signing.act_invalid');
  // The secret authenticates the token before anything is spent: an act id alone does nothing.
  let pinKey: Buffer;
  try {
    pinKey = openUnderSecret(secret, row.wrappedKey, envelopeAad.act(row.id, row.userId));
  } catch (err) {
    if (err instanceof EnvelopeError) throw new AppError('signing.act_invalid', { cause: err });
    throw err;
  } finally {
    secret.fill(0);
  }
  const keys = new Map<string, Promise<Signer>>();
  let open = true;
  const keySignerFor = (name: string, make: () => Promise<Signer>): Promise<Signer> => {
    let signer = keys.get(name);
    if (!signer) {
      signer = make();
      keys.set(name, signer);
      // A refusal (no seal, not the holder) is not kept: the next document asks again.
      signer.catch(() => keys.delete(name));
    }
    return signer;
  };
  return {
    async signerFor(request) {
      if (!open) throw new AppError('signing.act_invalid');
      // The signer first (who may use the seal, which key), then the document is spent: a
      // refusal costs the act nothing.
      let signer: Signer;
      switch (request.kind) {
        case 'personal':
          signer = await keySignerFor('personal', () => personalSigner(deps, row.userId, pinKey));
          break;
        case 'seal':
          signer = await keySignerFor(`seal:${request.unitId}`, () => sealSigner(deps, row.userId, request.unitId));
          break;
        case 'device':
          signer = await createDeviceSigner(deps, { userId: row.userId, documentId: request.documentId, credentialId: request.credentialId });
          break;
      }
      await spendDocument(deps, row.id, request.documentId);
      return signer;
    },
    close() {
      open = false;
      pinKey.fill(0);
      keys.clear();
    },
  };
}

/** One document of an act: openAct, its signer, close. */
export async function signerFor(deps: CredentialsDeps, act: SigningAct | string, request: SignerRequest): Promise<Signer> {
  const opened = await openAct(deps, act);
  try {
    return await opened.signerFor(request);
  } finally {
    opened.close();
  }
}

/** One conditional UPDATE: the document is in the act, not yet signed under it, and the act is alive. */
const spend = builtOnce<{ actId: string; documentId: string; now: Date }, { id: string }[]>('spend_act_document', (db) =>
  db
    .update(signingActs)
    .set({ usedDocuments: sql`array_append(${signingActs.usedDocuments}, ${sql.placeholder('documentId')}::text)` })
    .where(
      and(
        eq(signingActs.id, sql.placeholder('actId')),
        gt(signingActs.expiresAt, placeholderFor(signingActs.expiresAt, 'now')),
        sql`${sql.placeholder('documentId')}::text = any(${signingActs.documents})`,
        sql`not (${sql.placeholder('documentId')}::text = any(${signingActs.usedDocuments}))`,
      ),
    )
    .returning({ id: signingActs.id }),
);

async function spendDocument(deps: CredentialsDeps, actId: string, documentId: string): Promise<void> {
  const spent = await spend(deps.db, { actId, documentId, now: deps.clock() });
  if (spent.length === 0) throw new AppError('signing.act_invalid');
}

function keySigner(deps: CredentialsDeps, credential: SigningCredentialRow, pkcs8: Buffer): Signer {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  } finally {
    // The KeyObject holds the key in OpenSSL's memory from here; our copy goes.
    pkcs8.fill(0);
  }
  const certificate = fromDer64(credential.certificate);
  assertCertificateUsable(certificate, deps.clock());
  return createKeySigner({ privateKey, certificate, chain: credential.chain.map(fromDer64) });
}

async function personalSigner(deps: CredentialsDeps, userId: string, pinKey: Buffer): Promise<Signer> {
  const credential = await activeCredential(deps.db, 'personal', { userId });
  if (!credential?.sealedKey) throw new AppError('signing.not_enrolled');
  let pkcs8: Buffer;
  try {
    pkcs8 = openWithPinKey(pinKey, credential.sealedKey, envelopeAad.personal(credential.id, userId));
  } catch (err) {
    // The key changed since the act (PIN change, import): the act no longer opens it.
    if (err instanceof EnvelopeError) throw new AppError('signing.act_invalid', { cause: err });
    throw err;
  }
  return keySigner(deps, credential, pkcs8);
}

/** A unit's seal, for an active clerk of exactly that unit (not of a unit above it). */
async function sealSigner(deps: CredentialsDeps, userId: string, unitId: string): Promise<Signer> {
  const account = await accountOf(deps.db, userId);
  if (!account.roles.includes('clerk') || account.unitId !== unitId) throw new AppError('signing.not_seal_holder');
  const credential = (await activeCredential(deps.db, 'seal', { unitId })) ?? (await issueSealOrRefuse(deps, unitId));
  if (!credential.sealedKey) throw new Error(`seal ${credential.id} has no key`);
  return keySigner(deps, credential, openUnderSecret(deps.serverKey, credential.sealedKey, envelopeAad.seal(credential.id, unitId)));
}

async function issueSealOrRefuse(deps: CredentialsDeps, unitId: string): Promise<SigningCredentialRow> {
  if (!deps.issuer) throw new AppError('signing.no_seal');
  return issueSeal(deps, { unitId });
}
