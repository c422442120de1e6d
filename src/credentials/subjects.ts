import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { getAccount } from '../auth/index.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { getUnit } from '../org/index.ts';
import type { NameAttribute } from '../pki/index.ts';

// Whose certificate it is, decided by the server from its own records: a person's (C, O = the
// unit, CN = full name) or a unit's seal (C, O = CN = the unit), as the development PKI names them.

const generate = promisify(generateKeyPair);

export type Account = NonNullable<Awaited<ReturnType<typeof getAccount>>>;

export async function accountOf(db: Tx, userId: string): Promise<Account> {
  const account = await getAccount(db, userId);
  if (!account || account.disabled) throw new AppError('user.not_found');
  return account;
}

async function unitName(db: Tx, unitId: string): Promise<string> {
  const unit = await getUnit(db, unitId);
  if (!unit) throw new AppError('unit.not_found');
  return unit.name;
}

export async function personalSubject(db: Tx, account: Account): Promise<NameAttribute[]> {
  return [['C', 'VN'], ['O', await unitName(db, account.unitId)], ['CN', account.fullName]];
}

export async function sealSubject(db: Tx, unitId: string): Promise<NameAttribute[]> {
  const name = await unitName(db, unitId);
  return [['C', 'VN'], ['O', name], ['CN', name]];
}

/** A new server-held signing key: RSA-2048, what Vietnamese public CAs issue for signing (made off the event loop). */
export function newSigningKey(): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return generate('rsa', { modulusLength: 2048 });
}
