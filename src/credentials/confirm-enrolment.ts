import type { CredentialsDeps } from './deps.ts';
import { spendCode } from './spend-code.ts';

/**
 * `POST /api/me/signing/confirm {code}`: the first code from the authenticator app proves it
 * holds the secret and activates signing. The step it belongs to is spent like any other, so
 * this code cannot authorise an act afterwards.
 */
export async function confirmEnrolment(deps: CredentialsDeps, input: { userId: string; code: string }): Promise<void> {
  await spendCode(deps, input.userId, input.code, { confirming: true });
}
