// Signing in worker processes: signPdf's result without blocking the event loop.
export { lazySigningPool, type LazySigningPool } from './lazy-pool.ts';
export { createSigningPool, SigningPool, type SigningPoolOptions } from './signing-pool.ts';
