import { SigningError } from '../signing/index.ts';

/** A mistake in how the command was called: usage is printed and the exit code is 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One line a person can act on, with the stable code when there is one. */
export function describeError(err: unknown): string {
  if (err instanceof SigningError) return `${err.message} [${err.code}]`;
  if (err instanceof Error && 'code' in err && err.code === 'ENOENT' && 'path' in err) return `no such file: ${String(err.path)}`;
  if (err instanceof Error) return err.message;
  return String(err);
}
