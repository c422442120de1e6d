// Signing in worker threads: signPdf's result without blocking the event loop.
export { createSigningPool, SigningPool, type SigningPoolOptions } from './signing-pool.ts';
