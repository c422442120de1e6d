import { actorOf, recordEvent } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import type { Principal } from './principal.ts';
import { deleteSession } from './session.service.ts';

/**
 * Ends a session and returns its id (its live connections end too: the caller tells realtime).
 * When it was a live one (the request's principal), the audit event is written in the same
 * transaction; a stale or unknown cookie ends nothing and records nothing.
 */
export async function logout(db: Db, token: string, principal: Principal | undefined, from: { ip: string }): Promise<string> {
  return db.transaction(async (tx) => {
    const sessionId = await deleteSession(tx, token);
    if (principal) {
      await recordEvent(tx, { action: 'auth.logout', actor: actorOf(principal), subject: { kind: 'user', id: principal.id }, details: { ip: from.ip } });
    }
    return sessionId;
  });
}
