// A signing pool started on first use: a server that never checks or signs a PDF never pays for
// the workers (~0.3 s to load the engine in each), and a failed start is retried next time.
import { SigningPool, type SigningPoolOptions } from './signing-pool.ts';

export interface LazySigningPool {
  /** The pool, started now if it is not yet. */
  get(): Promise<SigningPool>;
  /** Closes the pool if it was started; later get() calls fail. Idempotent. */
  close(): Promise<void>;
}

export function lazySigningPool(opts: SigningPoolOptions = {}): LazySigningPool {
  let starting: Promise<SigningPool> | undefined;
  let closed = false;
  return {
    get: () => {
      if (closed) return Promise.reject(new Error('the signing pool is closed'));
      starting ??= SigningPool.create(opts).catch((err: unknown) => {
        starting = undefined;
        throw err;
      });
      return starting;
    },
    close: async () => {
      closed = true;
      const pool = await starting?.catch(() => undefined);
      await pool?.close();
    },
  };
}
