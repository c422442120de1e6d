// Development PKI: root and issuing CA, CRL, personal/seal/TSA/test certificates, PKCS#12 files,
// and what the server publishes of it (CA certificates, the CRL, a TSA). The configured CA's
// issuer (certificates for users, units and tablet-held keys) and the published trust anchors.
export { createCertificateIssuer, type CertificateIssuer } from './certificate-issuer.ts';
export { CertificationRequestError, readCertificationRequest } from './certification-request.ts';
export { createDevPki, readDevPkiIndex } from './create-dev-pki.ts';
export { openDevAuthority, type DevAuthority } from './dev-authority.ts';
export { DEFAULT_CRL_URL, DEFAULT_PIN, DEV_TSA_POLICY_OID, generateDevPki, pem, type DevPkiMaterial } from './dev-pki.ts';
export type { DevPkiDemo, DevPkiEntry, DevPkiIndex, DevPkiKeyType, DevPkiOptions } from './dev-pki-types.ts';
export { demoSigners, initDevPki } from './init-dev-pki.ts';
export { devPkiRoutes } from './routes.ts';
export { trustAnchorRoutes } from './trust-anchor-routes.ts';
export { loadTrustAnchors } from './trust-anchors.ts';
export type { NameAttribute } from './x509-builder.ts';
