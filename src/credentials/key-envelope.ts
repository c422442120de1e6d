import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';

// Key envelopes: AES-256-GCM (NIST SP 800-38D) under a key derived either from the signer's PIN
// and the server key together, or from one secret alone (the server key, an act token's secret).
//
// PIN keys: scrypt (RFC 7914) stretches the PIN, then HKDF-SHA-256 (RFC 5869) mixes in the
// server key as salt. A 6-digit PIN has a million values, which no KDF parameters can make
// safe against someone holding the ciphertext; the server key, a file outside the database,
// is what makes a database dump alone useless, and the 5-attempt lock is what protects the PIN
// on the server. docs/signing-keys.md weighs this.
//
// The additional authenticated data names what the envelope belongs to (kind, credential, owner),
// so a sealed key copied onto another user's row does not open there.

export interface KdfParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}
/** OWASP's scrypt recommendation (N=2^17, r=8, p=1): 128 MiB and ~0.35 s here per derivation. */
export const DEFAULT_KDF: KdfParams = { N: 2 ** 17, r: 8, p: 1 };

/** A key that did not open the envelope: a wrong PIN, a wrong server key, or a row moved elsewhere. */
export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
const unb64 = (s: string): Buffer => Buffer.from(s, 'base64url');
const TAG_LENGTH = 16;

function stretch(pin: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; node's default cap is 32 MiB.
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    // On libuv's thread pool: a derivation never blocks the event loop.
    scrypt(pin.normalize('NFC'), salt, 32, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function expand(secret: Uint8Array, salt: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, info, 32));
}

function encrypt(key: Buffer, plaintext: Uint8Array, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${b64(iv)}$${b64(body)}`;
}

function decrypt(key: Buffer, sealed: string, aad: string): Buffer {
  const [ivText, bodyText] = sealed.split('$');
  if (!ivText || !bodyText) throw new EnvelopeError('malformed envelope');
  const body = unb64(bodyText);
  if (body.length < TAG_LENGTH) throw new EnvelopeError('malformed envelope');
  const decipher = createDecipheriv('aes-256-gcm', key, unb64(ivText), { authTagLength: TAG_LENGTH });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - TAG_LENGTH));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_LENGTH)), decipher.final()]);
  } catch (err) {
    throw new EnvelopeError('the key does not open this envelope', { cause: err });
  }
}

// ---- under the PIN (and the server key) ----

/**
 * `pin1$N$r$p$salt$iv$body`: the KDF parameters travel with the envelope, so they can be raised
 * later (at the next PIN change) without a migration.
 */
export async function sealUnderPin(args: {
  pin: string;
  serverKey: Uint8Array;
  plaintext: Uint8Array;
  aad: string;
  kdf?: KdfParams;
}): Promise<{ envelope: string; pinKey: Buffer }> {
  const kdf = args.kdf ?? DEFAULT_KDF;
  const salt = randomBytes(16);
  const pinKey = await derive(args.pin, salt, kdf, args.serverKey);
  return { envelope: `pin1$${kdf.N}$${kdf.r}$${kdf.p}$${b64(salt)}$${encrypt(pinKey, args.plaintext, args.aad)}`, pinKey };
}

async function derive(pin: string, salt: Buffer, kdf: KdfParams, serverKey: Uint8Array): Promise<Buffer> {
  const stretched = await stretch(pin, salt, kdf);
  try {
    return expand(stretched, serverKey, 'ecabinet/pin-key/v1');
  } finally {
    stretched.fill(0);
  }
}

function parsePinEnvelope(envelope: string): { kdf: KdfParams; salt: Buffer; sealed: string } {
  const [scheme, n, r, p, salt, iv, body] = envelope.split('$');
  if (scheme !== 'pin1' || !n || !r || !p || !salt || !iv || !body) throw new EnvelopeError('not a PIN envelope');
  return { kdf: { N: Number(n), r: Number(r), p: Number(p) }, salt: unb64(salt), sealed: `${iv}$${body}` };
}

/** The key `pin` gives for this envelope (whether it is the right PIN shows only when opening). */
export function pinKeyFor(args: { pin: string; serverKey: Uint8Array; envelope: string }): Promise<Buffer> {
  const { kdf, salt } = parsePinEnvelope(args.envelope);
  return derive(args.pin, salt, kdf, args.serverKey);
}

/** Opens a PIN envelope with a key from pinKeyFor; EnvelopeError when it is not the key. */
export function openWithPinKey(pinKey: Buffer, envelope: string, aad: string): Buffer {
  return decrypt(pinKey, parsePinEnvelope(envelope).sealed, aad);
}

// ---- under one secret (the server key, an act token's secret) ----

/** `sec1$salt$iv$body`, the key being HKDF(secret, salt, purpose): one secret serves many envelopes. */
export function sealUnderSecret(secret: Uint8Array, plaintext: Uint8Array, aad: string): string {
  const salt = randomBytes(16);
  const key = expand(secret, salt, `ecabinet/envelope/v1/${aad.split(':')[0] ?? ''}`);
  try {
    return `sec1$${b64(salt)}$${encrypt(key, plaintext, aad)}`;
  } finally {
    key.fill(0);
  }
}

export function openUnderSecret(secret: Uint8Array, envelope: string, aad: string): Buffer {
  const [scheme, salt, iv, body] = envelope.split('$');
  if (scheme !== 'sec1' || !salt || !iv || !body) throw new EnvelopeError('not a secret envelope');
  const key = expand(secret, unb64(salt), `ecabinet/envelope/v1/${aad.split(':')[0] ?? ''}`);
  try {
    return decrypt(key, `${iv}$${body}`, aad);
  } finally {
    key.fill(0);
  }
}
