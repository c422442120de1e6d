import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import { SigningError } from '../errors.ts';
import type { Signer } from '../signer.ts';

// A Signer over a private key held in this process (a PKCS#12 unlocked with the signer's PIN,
// the development TSA key). node:crypto signs ~75× faster than node-forge and, with a callback,
// on the libuv thread pool instead of the event loop (notes/signing.md).

/** What we sign with: RSA ≥ 2048 bits (PKCS#1 v1.5) or ECDSA on P-256/P-384, always SHA-256. */
export function keyAlgorithmOf(key: KeyObject): 'rsa' | 'ecdsa' {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    if (bits < 2048) throw new SigningError('signing.unsupported_key', `RSA keys shorter than 2048 bits are not accepted (this one has ${bits})`);
    return 'rsa';
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = details.namedCurve ?? 'unknown';
    if (curve !== 'prime256v1' && curve !== 'secp384r1') {
      throw new SigningError('signing.unsupported_key', `ECDSA keys must be on P-256 or P-384 (this one is on ${curve})`);
    }
    return 'ecdsa';
  }
  throw new SigningError('signing.unsupported_key', `unsupported key type ${key.asymmetricKeyType ?? 'unknown'}; use RSA or ECDSA`);
}

export function createKeySigner(args: { privateKey: KeyObject; certificate: Uint8Array; chain: readonly Uint8Array[] }): Signer {
  const { privateKey } = args;
  if (privateKey.type !== 'private') throw new SigningError('signing.bad_credential', 'a private key is required');
  const keyAlgorithm = keyAlgorithmOf(privateKey);
  return {
    certificate: args.certificate,
    chain: args.chain,
    keyAlgorithm,
    sign(toBeSigned: Uint8Array): Promise<Uint8Array> {
      // RSA: PKCS#1 v1.5 is node's default padding; ECDSA: DER Ecdsa-Sig-Value (dsaEncoding 'der').
      return new Promise((resolve, reject) => {
        cryptoSign('sha256', toBeSigned, { key: privateKey, dsaEncoding: 'der' }, (err, signature) => {
          if (err) reject(new SigningError('signing.bad_credential', `signing failed: ${err.message}`, { cause: err }));
          else resolve(new Uint8Array(signature));
        });
      });
    },
  };
}
