import { X509Certificate } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { CertificateInfo, CredentialKind } from '../contract/credentials.ts';
import type { Tx } from '../db/index.ts';
import { pem } from '../pki/index.ts';
import { signingCredentials, type SigningCredentialRow } from './credentials.table.ts';

// Reading and writing credential rows: the certificate's public facts are copied into columns
// when a row is written, so lists never parse certificates.

const der64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
export const fromDer64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

export type NewCredential = Pick<SigningCredentialRow, 'id' | 'kind' | 'source' | 'status' | 'keyAlgorithm' | 'sealedKey'> &
  Partial<Pick<SigningCredentialRow, 'userId' | 'unitId' | 'label' | 'createdBy'>> & {
    certificate: Uint8Array;
    chain: readonly Uint8Array[];
  };

export async function insertCredential(db: Tx, c: NewCredential): Promise<SigningCredentialRow> {
  const x509 = new X509Certificate(c.certificate);
  const [row] = await db
    .insert(signingCredentials)
    .values({
      ...c,
      certificate: der64(c.certificate),
      chain: c.chain.map(der64),
      subject: x509.subject.replace(/\n/g, ', '),
      issuer: x509.issuer.replace(/\n/g, ', '),
      serialNumber: x509.serialNumber.toLowerCase(),
      notBefore: new Date(x509.validFrom),
      notAfter: new Date(x509.validTo),
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function activeCredential(
  db: Tx,
  kind: CredentialKind,
  owner: { userId: string } | { unitId: string },
): Promise<SigningCredentialRow | undefined> {
  const ownerCondition = 'userId' in owner ? eq(signingCredentials.userId, owner.userId) : eq(signingCredentials.unitId, owner.unitId);
  const [row] = await db
    .select()
    .from(signingCredentials)
    .where(and(eq(signingCredentials.kind, kind), eq(signingCredentials.status, 'active'), ownerCondition))
    .orderBy(desc(signingCredentials.createdAt))
    .limit(1);
  return row;
}

export async function pendingImport(db: Tx, userId: string): Promise<SigningCredentialRow | undefined> {
  const [row] = await db
    .select()
    .from(signingCredentials)
    .where(and(eq(signingCredentials.kind, 'personal'), eq(signingCredentials.status, 'pending'), eq(signingCredentials.userId, userId)))
    .limit(1);
  return row;
}

/** Retires the active credential of this kind and owner, if any (before another takes its place). */
export async function retireActive(db: Tx, kind: CredentialKind, owner: { userId: string } | { unitId: string }, at: Date): Promise<void> {
  const ownerCondition = 'userId' in owner ? eq(signingCredentials.userId, owner.userId) : eq(signingCredentials.unitId, owner.unitId);
  await db
    .update(signingCredentials)
    .set({ status: 'retired', retiredAt: at })
    .where(and(eq(signingCredentials.kind, kind), eq(signingCredentials.status, 'active'), ownerCondition));
}

export function certificateInfo(row: SigningCredentialRow): CertificateInfo {
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    keyAlgorithm: row.keyAlgorithm,
    subject: row.subject,
    issuer: row.issuer,
    serialNumber: row.serialNumber,
    notBefore: row.notBefore.toISOString(),
    notAfter: row.notAfter.toISOString(),
    certificatePem: pem('CERTIFICATE', fromDer64(row.certificate)),
    label: row.label,
  };
}

/** AAD of each envelope: what it belongs to, so a sealed key moved to another row does not open. */
export const envelopeAad = {
  personal: (credentialId: string, userId: string) => `personal:${credentialId}:${userId}`,
  pending: (credentialId: string, userId: string) => `pending:${credentialId}:${userId}`,
  seal: (credentialId: string, unitId: string) => `seal:${credentialId}:${unitId}`,
  totp: (userId: string) => `totp:${userId}`,
  act: (actId: string, userId: string) => `act:${actId}:${userId}`,
};
