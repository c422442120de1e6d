import type { Me } from '../contract/auth.ts';

/** The caller as guards see it: `Me` (the API's shape) plus the unit's materialised path for scope checks. */
export type Principal = Me & { unit: Me['unit'] & { path: string } };
