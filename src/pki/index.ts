// Development PKI: root and issuing CA, CRL, personal/seal/TSA/test certificates, PKCS#12 files,
// and what the server publishes of it (CA certificates, the CRL, a TSA).
export { createDevPki, readDevPkiIndex } from './create-dev-pki.ts';
export { openDevAuthority, type DevAuthority } from './dev-authority.ts';
export { DEFAULT_CRL_URL, DEFAULT_PIN, DEV_TSA_POLICY_OID, generateDevPki, pem, type DevPkiMaterial } from './dev-pki.ts';
export type { DevPkiDemo, DevPkiEntry, DevPkiIndex, DevPkiKeyType, DevPkiOptions } from './dev-pki-types.ts';
export { demoSigners, initDevPki } from './init-dev-pki.ts';
export { devPkiRoutes } from './routes.ts';
