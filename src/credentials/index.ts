// Key custody (issue 11 points 2-4): personal keys sealed under the signer's PIN and the server
// key, seals under the server key for their unit's clerks, TOTP second factor, signing acts (one
// PIN + one code per batch), tablet-held keys behind the same Signer interface. Above auth, org,
// pki and the signing engine; the workflow calls it through createCredentials' service.
export type { SigningAct } from './act-token.ts';
export { createCredentials, type Credentials, type CredentialsOptions } from './credentials-service.ts';
export { DEFAULT_KDF, type KdfParams } from './key-envelope.ts';
export { credentialRoutes } from './routes.ts';
export { loadServerKey } from './server-key.ts';
export type { OpenedAct, SignerRequest } from './signer-for.ts';
