import { createCipheriv, createHash, createHmac, pbkdf2Sync, randomBytes, type KeyObject } from 'node:crypto';
import { derWriter, OID, pkcs12Kdf } from '../signing/index.ts';

const { algorithmIdentifier, bmpString, contextConstructed, contextPrimitive, integer, nullValue, octetString, oid, sequence, setOf } = derWriter;

// Writes PKCS#12 (RFC 7292) the way OpenSSL 3 does by default, for RSA and EC keys alike:
// key and certificates encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC; RFC 8018 §6.2),
// integrity by an HMAC-SHA-256 MAC keyed with the PKCS#12 KDF (RFC 7292 Appendix B).
// node-forge can only write RSA keys and defaults to 3DES/SHA-1, hence our own writer.

const ITERATIONS = 2048; // OpenSSL's PKCS12_DEFAULT_ITER

/** AlgorithmIdentifier for PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC (RFC 8018 Appendix A.4, C). */
function pbes2Encrypt(plain: Uint8Array, password: string): { algorithm: Uint8Array; ciphertext: Uint8Array } {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  // RFC 8018 leaves the password encoding open; OpenSSL (and node-forge for ASCII) use the bytes as typed, UTF-8 here.
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, ITERATIONS, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  const kdf = algorithmIdentifier(
    OID.pbkdf2,
    sequence(octetString(salt), integer(ITERATIONS), algorithmIdentifier(OID.hmacWithSha256, nullValue())),
  );
  return { algorithm: algorithmIdentifier(OID.pbes2, sequence(kdf, algorithmIdentifier(OID.aes256Cbc, octetString(iv)))), ciphertext };
}

const bagAttributes = (friendlyName: string | undefined, localKeyId: Uint8Array | undefined): Uint8Array[] => {
  const attrs: Uint8Array[] = [];
  if (friendlyName) attrs.push(sequence(oid(OID.friendlyName), setOf(bmpString(friendlyName))));
  if (localKeyId) attrs.push(sequence(oid(OID.localKeyId), setOf(octetString(localKeyId))));
  return attrs.length > 0 ? [setOf(...attrs)] : [];
};

/** SafeBag ::= SEQUENCE { bagId, bagValue [0] EXPLICIT, bagAttributes SET OF OPTIONAL } (RFC 7292 §4.2). */
const safeBag = (bagId: string, value: Uint8Array, attributes: Uint8Array[]): Uint8Array =>
  sequence(oid(bagId), contextConstructed(0, value), ...attributes);

/** Writes a PFX holding `privateKey` and `certificates` (the key's own certificate first). */
export function writePkcs12(args: { privateKey: KeyObject; certificates: readonly Uint8Array[]; password: string; friendlyName?: string }): Uint8Array {
  const [own, ...rest] = args.certificates;
  if (!own) throw new Error('writePkcs12 needs the key’s certificate');
  // OpenSSL's convention: localKeyId = SHA-1 of the certificate, on the key and its certificate.
  const localKeyId = createHash('sha1').update(own).digest();

  // CertBag ::= SEQUENCE { certId x509Certificate, certValue [0] EXPLICIT OCTET STRING } (§4.2.3)
  const certBag = (der: Uint8Array): Uint8Array => sequence(oid(OID.x509Certificate), contextConstructed(0, octetString(der)));
  const certSafe = sequence(
    safeBag(OID.certBag, certBag(own), bagAttributes(args.friendlyName, localKeyId)),
    ...rest.map((c) => safeBag(OID.certBag, certBag(c), [])),
  );
  const encCerts = pbes2Encrypt(certSafe, args.password);
  // EncryptedData ::= SEQUENCE { version 0, EncryptedContentInfo { data, alg, [0] IMPLICIT OCTET STRING } } (RFC 5652 §8)
  const certsInfo = sequence(
    oid(OID.encryptedData),
    contextConstructed(0, sequence(integer(0), sequence(oid(OID.data), encCerts.algorithm, contextPrimitive(0, encCerts.ciphertext)))),
  );

  // pkcs8ShroudedKeyBag: EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData } (RFC 5958 §3)
  const encKey = pbes2Encrypt(args.privateKey.export({ type: 'pkcs8', format: 'der' }), args.password);
  const keySafe = sequence(
    safeBag(OID.pkcs8ShroudedKeyBag, sequence(encKey.algorithm, octetString(encKey.ciphertext)), bagAttributes(args.friendlyName, localKeyId)),
  );
  const keyInfo = sequence(oid(OID.data), contextConstructed(0, octetString(keySafe)));

  const authSafe = sequence(certsInfo, keyInfo);
  const macSalt = randomBytes(16);
  const macKey = pkcs12Kdf('sha256', args.password, macSalt, 3, ITERATIONS, 32);
  const mac = createHmac('sha256', macKey).update(authSafe).digest();
  // MacData ::= SEQUENCE { mac DigestInfo, macSalt, iterations } (§4); the MAC covers the authSafe content octets.
  const macData = sequence(sequence(algorithmIdentifier(OID.sha256, nullValue()), octetString(mac)), octetString(macSalt), integer(ITERATIONS));
  return sequence(integer(3), sequence(oid(OID.data), contextConstructed(0, octetString(authSafe))), macData);
}
