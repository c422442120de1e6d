import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { children, elements, readInteger, readOctets, readOid, readRoot, TAG } from '../cms/der-reader.ts';
import { digestName } from '../cms/oids.ts';

// The PKCS#12 password-integrity MAC (RFC 7292 §4 and Appendix B), done with node:crypto. We
// need our own for non-ASCII PINs: node-forge derives the MAC key from the PIN as a BMPString
// (correct) but feeds PBKDF2 the PIN's UTF-16 code units truncated to bytes, where OpenSSL uses
// UTF-8; so the reader checks the MAC itself and then tries both encodings for decryption.

const BLOCK: Readonly<Record<string, number>> = { sha1: 64, sha224: 64, sha256: 64, sha384: 128, sha512: 128 };

/** RFC 7292 Appendix B.2 key derivation. `id` 1 = key, 2 = IV, 3 = MAC key. */
export function pkcs12Kdf(hash: string, password: string, salt: Uint8Array, id: number, iterations: number, length: number): Buffer {
  const v = BLOCK[hash];
  if (!v) throw new Error(`unsupported PKCS#12 KDF hash ${hash}`);
  // B.1: the password is a BMPString with a terminating NUL pair.
  const pass = Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
  const fill = (src: Uint8Array): Buffer => {
    if (src.length === 0) return Buffer.alloc(0);
    const out = Buffer.alloc(v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length] as number;
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(pass)]);
  const out: Buffer[] = [];
  for (let produced = 0; produced < length; ) {
    let A = createHash(hash).update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(hash).update(A).digest();
    out.push(A);
    produced += A.length;
    const B = fill(A);
    // I_j = (I_j + B + 1) mod 2^(8v) for every v-byte block of I.
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (I[j + k] as number) + (B[k] as number) + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}

/** true/false for a MAC that does or does not verify; null when the PFX has no MAC. Throws DerError on bad structure. */
export function verifyPkcs12Mac(p12: Uint8Array, password: string): boolean | null {
  // PFX ::= SEQUENCE { version, authSafe ContentInfo, macData MacData OPTIONAL }
  const [, authSafe, macData] = elements(readRoot(p12), TAG.SEQUENCE, 'PFX');
  if (!macData) return null;
  const content = readOctets(children(children(authSafe!)[1]!)[0], 'authSafe content');
  // MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
  const [mac, salt, iter] = elements(macData, TAG.SEQUENCE, 'MacData');
  const [alg, digest] = elements(mac, TAG.SEQUENCE, 'DigestInfo');
  const hash = digestName(readOid(children(alg!)[0]));
  if (!hash) return false;
  const expected = readOctets(digest, 'mac digest');
  const key = pkcs12Kdf(hash, password, readOctets(salt, 'macSalt'), 3, iter ? Number(readInteger(iter)) : 1, createHash(hash).digest().length);
  const actual = createHmac(hash, key).update(content).digest();
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
