import { and, desc, eq } from 'drizzle-orm';
import type { SigningStatus } from '../contract/credentials.ts';
import { activeCredential, certificateInfo, pendingImport } from './credential-store.ts';
import { signingCredentials, signingPinStates } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';
import { enrolmentOf } from './spend-code.ts';

/** `GET /api/me/signing`: what the settings page shows. */
export async function signingStatus(deps: CredentialsDeps, userId: string): Promise<SigningStatus> {
  const [enrolment, [pin], personal, pending, devices] = await Promise.all([
    enrolmentOf(deps, userId),
    deps.db.select().from(signingPinStates).where(eq(signingPinStates.userId, userId)).limit(1),
    activeCredential(deps.db, 'personal', { userId }),
    pendingImport(deps.db, userId),
    deps.db
      .select()
      .from(signingCredentials)
      .where(and(eq(signingCredentials.kind, 'device'), eq(signingCredentials.status, 'active'), eq(signingCredentials.userId, userId)))
      .orderBy(desc(signingCredentials.createdAt)),
  ]);
  return {
    enrolment,
    locked: Boolean(pin?.lockedAt),
    attemptsLeft: pin?.lockedAt ? 0 : deps.policy.maxAttempts - (pin?.failedAttempts ?? 0),
    personal: enrolment === 'none' || !personal ? null : certificateInfo(personal),
    pendingImport: Boolean(pending),
    devices: devices.map(certificateInfo),
  };
}

/** `DELETE /api/me/signing/device-keys/:id`: the tablet is lost or replaced; its key signs nothing more. */
export async function retireDeviceKey(deps: CredentialsDeps, input: { userId: string; credentialId: string }): Promise<boolean> {
  const rows = await deps.db
    .update(signingCredentials)
    .set({ status: 'retired', retiredAt: deps.clock() })
    .where(
      and(
        eq(signingCredentials.id, input.credentialId),
        eq(signingCredentials.kind, 'device'),
        eq(signingCredentials.status, 'active'),
        eq(signingCredentials.userId, input.userId),
      ),
    )
    .returning({ id: signingCredentials.id });
  return rows.length > 0;
}
