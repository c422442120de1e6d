import { DEVICE_SIGN_ALGORITHM } from './device-key-store.ts';

/**
 * A PKCS #10 request (PEM) for a WebCrypto key pair, signed with its private key (the proof of
 * possession). @peculiar/x509 is loaded only when a tablet key is made, after the Reflect metadata
 * polyfill its dependency injection (tsyringe) needs. The subject is a hint only: the server certifies the signed-in user's own name.
 */
export async function certificationRequest(keys: CryptoKeyPair, username: string): Promise<string> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(crypto);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: [{ CN: [username] }],
    keys,
    signingAlgorithm: DEVICE_SIGN_ALGORITHM,
  });
  return csr.toString('pem');
}
