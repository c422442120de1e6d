// Key custody back-ends behind the Signer interface (src/signing/signer.ts).
export { assertCertificateUsable, orderChain } from './certificate-checks.ts';
export { ecdsaP1363ToDer } from './ecdsa-signature.ts';
export { createKeySigner, keyAlgorithmOf } from './key-signer.ts';
export { pkcs12Kdf } from './pkcs12-mac.ts';
export { readPkcs12, type Pkcs12Contents } from './pkcs12-reader.ts';
export { loadPkcs12Signer } from './pkcs12-signer.ts';
