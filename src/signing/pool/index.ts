// Signing in worker processes: signPdf's result without blocking the event loop.
export { lazySigningPool, type LazySigningPool } from './lazy-pool.ts';
export { createSigningPool, SigningPool, type SignedFile, type SigningPoolOptions, type VerifiedFile } from './signing-pool.ts';
