import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/index.ts';
import { activeCredential, envelopeAad, insertCredential, retireActive } from './credential-store.ts';
import type { SigningCredentialRow } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';
import { sealUnderSecret } from './key-envelope.ts';
import { newSigningKey, sealSubject } from './subjects.ts';

/**
 * Issues a new seal certificate for a unit from the configured CA; its key is sealed under the
 * server key (never a PIN: several clerks use it). `replace` retires the unit's current seal;
 * without it an existing seal is kept and returned (two first uses at once make one seal).
 */
export async function issueSeal(
  deps: CredentialsDeps,
  input: { unitId: string; createdBy?: string; replace?: boolean },
): Promise<SigningCredentialRow> {
  const { unitId } = input;
  if (!input.replace) {
    const current = await activeCredential(deps.db, 'seal', { unitId });
    if (current) return current;
  }
  if (!deps.issuer) throw new AppError('signing.no_ca');
  const key = await newSigningKey();
  const certificate = deps.issuer.issue({ subject: await sealSubject(deps.db, unitId), publicKey: key.publicKey, now: deps.clock() });
  return storeSeal(deps, { unitId, createdBy: input.createdBy, source: 'issued', pkcs8: key.privateKey.export({ type: 'pkcs8', format: 'der' }), certificate, chain: deps.issuer.chain, replace: input.replace ?? false });
}

export async function storeSeal(
  deps: CredentialsDeps,
  input: {
    unitId: string;
    createdBy: string | undefined;
    source: 'issued' | 'imported';
    pkcs8: Buffer;
    certificate: Uint8Array;
    chain: readonly Uint8Array[];
    keyAlgorithm?: 'rsa' | 'ecdsa';
    replace: boolean;
  },
): Promise<SigningCredentialRow> {
  const { unitId } = input;
  const id = randomUUID();
  const sealedKey = sealUnderSecret(deps.serverKey, input.pkcs8, envelopeAad.seal(id, unitId));
  input.pkcs8.fill(0);
  return deps.db.transaction(async (tx) => {
    if (input.replace) await retireActive(tx, 'seal', { unitId }, deps.clock());
    else {
      // Lost a race with another first use: keep the seal that won.
      const current = await activeCredential(tx, 'seal', { unitId });
      if (current) return current;
    }
    return insertCredential(tx, {
      id,
      kind: 'seal',
      source: input.source,
      status: 'active',
      unitId,
      keyAlgorithm: input.keyAlgorithm ?? 'rsa',
      certificate: input.certificate,
      chain: input.chain,
      sealedKey,
      createdBy: input.createdBy ?? null,
    });
  });
}
