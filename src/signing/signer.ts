/**
 * The one signing primitive every key custody plugs into: a server-held PKCS#12, a key on the
 * signer's tablet, a remote signing service (CSC API, SmartCA-style push-and-poll). Asynchronous
 * because the latter may take minutes while a person approves on a phone.
 */
export interface Signer {
  /** The signer's certificate, DER. */
  readonly certificate: Uint8Array;
  /** Intermediate CA certificates up to (not necessarily including) the root, DER, nearest first. */
  readonly chain: readonly Uint8Array[];
  /** Key type; the digest is always SHA-256. RSA signs PKCS#1 v1.5; ECDSA returns a DER Ecdsa-Sig-Value. */
  readonly keyAlgorithm: 'rsa' | 'ecdsa';
  /**
   * Signs `toBeSigned` (for CMS: the DER of the SignedAttributes SET, RFC 5652 §5.4) with
   * SHA-256 and returns the raw signature value.
   */
  sign(toBeSigned: Uint8Array): Promise<Uint8Array>;
}
