import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { SigningError } from '../errors.ts';
import { orderChain } from './certificate-checks.ts';
import { verifyPkcs12Mac } from './pkcs12-mac.ts';

// Opens a PKCS#12 (RFC 7292) with node-forge, which reads both what OpenSSL 3 writes by default
// (PBES2/AES-256-CBC/PBKDF2-HMAC-SHA256, SHA-256 MAC) and `-legacy` files (3DES and RC2-40,
// SHA-1 MAC) without OpenSSL's legacy provider. Keys go to node:crypto straight away.

export interface Pkcs12Contents {
  readonly privateKey: KeyObject;
  /** The certificate whose public key matches the private key, DER. */
  readonly certificate: Uint8Array;
  /** Its issuers found in the file, nearest first (RFC 5280 §6.1 path order). */
  readonly chain: Uint8Array[];
}

const bin = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('binary');
const fromBin = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'binary'));

export function readPkcs12(p12: Uint8Array, pin: string): Pkcs12Contents {
  const pfx = /^[\x20-\x7e]*$/.test(pin) ? openWithForge(p12, pin, false) : openNonAscii(p12, pin);
  const bags = pfx.safeContents.flatMap((s) => s.safeBags);
  const keys: KeyObject[] = [];
  const certs: Uint8Array[] = [];
  for (const bag of bags) {
    try {
      if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) {
        // RSA keys come back as forge keys, others (EC) only as PrivateKeyInfo ASN.1 (bag.asn1).
        const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey)) : bag.asn1;
        if (info) keys.push(createPrivateKey({ key: Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary'), format: 'der', type: 'pkcs8' }));
      } else if (bag.type === forge.pki.oids.certBag) {
        const certAsn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
        if (certAsn1) certs.push(fromBin(forge.asn1.toDer(certAsn1).getBytes()));
      }
    } catch (err) {
      throw new SigningError('signing.bad_credential', `unreadable entry in the PKCS#12 key store: ${(err as Error).message}`, { cause: err });
    }
  }
  if (keys.length === 0) throw new SigningError('signing.bad_credential', 'the PKCS#12 key store holds no private key');
  if (keys.length > 1) throw new SigningError('signing.bad_credential', 'the PKCS#12 key store holds several private keys; expected one');
  const privateKey = keys[0] as KeyObject;

  let parsed: { der: Uint8Array; x509: X509Certificate }[];
  try {
    parsed = certs.map((der) => ({ der, x509: new X509Certificate(der) }));
  } catch (err) {
    throw new SigningError('signing.bad_credential', `unreadable certificate in the PKCS#12 key store: ${(err as Error).message}`, { cause: err });
  }
  // The signer's certificate is the one whose public key is the private key's (not bag order,
  // not localKeyId, which some producers omit).
  const own = parsed.find((c) => c.x509.checkPrivateKey(privateKey));
  if (!own) throw new SigningError('signing.bad_credential', 'no certificate in the PKCS#12 key store matches its private key');
  return {
    privateKey,
    certificate: own.der,
    chain: orderChain(own.der, parsed.filter((c) => c !== own).map((c) => c.der)),
  };
}

function parseDer(p12: Uint8Array): forge.asn1.Asn1 {
  try {
    return forge.asn1.fromDer(bin(p12), false);
  } catch (err) {
    throw new SigningError('signing.bad_credential', 'the file is not a PKCS#12 key store (not DER)', { cause: err });
  }
}

function openWithForge(p12: Uint8Array, password: string, macChecked: boolean): forge.pkcs12.Pkcs12Pfx {
  const asn1 = parseDer(p12);
  // Our caller verified the MAC already: drop macData so forge does not check it with this encoding.
  if (macChecked && Array.isArray(asn1.value)) asn1.value.splice(2);
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (err) {
    // forge throws these when the MAC (RFC 7292 §5) or a PBES2/PBE decryption fails; the file
    // structure was fine, so the PIN is what is wrong.
    const message = (err as Error).message ?? '';
    if (/MAC could not be verified|wrong password|Invalid password|decrypt/i.test(message)) {
      throw new SigningError('signing.wrong_pin', 'wrong PIN for this PKCS#12 key store', { cause: err });
    }
    throw new SigningError('signing.bad_credential', `unreadable PKCS#12 key store: ${message}`, { cause: err });
  }
}

/**
 * A PIN beyond printable ASCII: the MAC key comes from its BMPString (RFC 7292 Appendix B.1),
 * PBES2 keys from its UTF-8 bytes (what OpenSSL does; RFC 8018 leaves it open), the old PKCS#12
 * PBEs again from the BMPString. Check the MAC ourselves, then let forge decrypt with the PIN
 * in the encoding that works: UTF-8 bytes as a binary string for PBES2, else the PIN as is.
 */
function openNonAscii(p12: Uint8Array, pin: string): forge.pkcs12.Pkcs12Pfx {
  let mac: boolean | null;
  try {
    mac = verifyPkcs12Mac(p12, pin);
  } catch (err) {
    throw new SigningError('signing.bad_credential', 'the file is not a PKCS#12 key store', { cause: err });
  }
  if (mac === false) throw new SigningError('signing.wrong_pin', 'wrong PIN for this PKCS#12 key store');
  // The MAC proved the PIN right, so a failure here means the other encoding, and a wrong key can
  // even decrypt to garbage with valid padding: try both, and only then call the file unreadable.
  const attempts = [Buffer.from(pin, 'utf8').toString('binary'), pin];
  let firstError: unknown;
  for (const password of attempts) {
    try {
      return openWithForge(p12, password, mac === true);
    } catch (err) {
      firstError ??= err;
    }
  }
  if (mac === null) throw firstError; // no MAC: a decryption failure may well be a wrong PIN
  throw new SigningError('signing.bad_credential', 'unreadable PKCS#12 key store: the PIN is right but its contents do not decrypt', {
    cause: firstError,
  });
}
