import { AppError } from '../errors/index.ts';

// An act token: "<act id>.<secret>". The secret (32 random bytes, base64url) unwraps the act's
// key and is stored nowhere: the database row alone cannot be used, and any node given the
// token can finish the batch.

export interface SigningAct {
  readonly id: string;
  readonly userId: string;
  /** The documents this act may sign, each once. */
  readonly documents: readonly string[];
  readonly expiresAt: Date;
  /** Carries the act to another request or node; as secret as the PIN for the act's few minutes. */
  readonly token: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const actToken = (id: string, secret: Uint8Array): string => `${id}.${Buffer.from(secret).toString('base64url')}`;

export function parseActToken(token: string): { id: string; secret: Buffer } {
  const [id, secret, extra] = token.split('.');
  const bytes = secret ? Buffer.from(secret, 'base64url') : Buffer.alloc(0);
  if (!id || !UUID.test(id) || bytes.length !== 32 || extra !== undefined) throw new AppError('signing.act_invalid');
  return { id, secret: bytes };
}
