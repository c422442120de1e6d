import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EnvelopeError, openUnderSecret, openWithPinKey, pinKeyFor, sealUnderPin, sealUnderSecret } from '../../src/credentials/key-envelope.ts';

// Key derivation and the envelopes: cheap scrypt parameters here (they travel in the envelope),
// the real ones (N=2^17) in the integration tests.

const kdf = { N: 1024, r: 8, p: 1 };
const serverKey = randomBytes(32);
const key = randomBytes(121); // stands for a PKCS#8 private key
const aad = 'personal:cred-1:user-1';

describe('PIN envelope', () => {
  it('round-trips under the PIN and the server key, with the KDF parameters written in it', async () => {
    const { envelope, pinKey } = await sealUnderPin({ pin: '482915', serverKey, plaintext: key, aad, kdf });
    expect(envelope.split('$').slice(0, 4)).toEqual(['pin1', '1024', '8', '1']);
    expect(openWithPinKey(pinKey, envelope, aad)).toEqual(key);
    // The same PIN gives the same key again (salt and parameters come from the envelope).
    const again = await pinKeyFor({ pin: '482915', serverKey, envelope });
    expect(again).toEqual(pinKey);
    expect(openWithPinKey(again, envelope, aad)).toEqual(key);
  });

  it('does not hold the key or the PIN in clear', async () => {
    const { envelope } = await sealUnderPin({ pin: '482915', serverKey, plaintext: key, aad, kdf });
    expect(envelope).not.toContain('482915');
    for (const encoding of ['base64', 'base64url', 'hex'] as const) expect(envelope).not.toContain(key.subarray(0, 24).toString(encoding));
  });

  it('refuses a wrong PIN', async () => {
    const { envelope } = await sealUnderPin({ pin: '482915', serverKey, plaintext: key, aad, kdf });
    const wrong = await pinKeyFor({ pin: '482916', serverKey, envelope });
    expect(() => openWithPinKey(wrong, envelope, aad)).toThrow(EnvelopeError);
  });

  it('refuses the right PIN without the server key: a database dump alone opens nothing', async () => {
    const { envelope } = await sealUnderPin({ pin: '482915', serverKey, plaintext: key, aad, kdf });
    const withoutServerKey = await pinKeyFor({ pin: '482915', serverKey: randomBytes(32), envelope });
    expect(() => openWithPinKey(withoutServerKey, envelope, aad)).toThrow(EnvelopeError);
  });

  it('refuses an envelope moved to another credential or user (authenticated data)', async () => {
    const { envelope, pinKey } = await sealUnderPin({ pin: '482915', serverKey, plaintext: key, aad, kdf });
    expect(() => openWithPinKey(pinKey, envelope, 'personal:cred-1:user-2')).toThrow(EnvelopeError);
  });

  it('detects a changed ciphertext', async () => {
    const { envelope, pinKey } = await sealUnderPin({ pin: '482915', serverKey, plaintext: key, aad, kdf });
    const parts = envelope.split('$');
    const body = Buffer.from(parts[6] as string, 'base64url');
    body[3] = (body[3] as number) ^ 1;
    parts[6] = body.toString('base64url');
    expect(() => openWithPinKey(pinKey, parts.join('$'), aad)).toThrow(EnvelopeError);
  });

  it('uses a fresh salt each time: the same PIN seals the same key differently', async () => {
    const a = await sealUnderPin({ pin: '482915', serverKey, plaintext: key, aad, kdf });
    const b = await sealUnderPin({ pin: '482915', serverKey, plaintext: key, aad, kdf });
    expect(a.envelope).not.toBe(b.envelope);
    expect(a.pinKey).not.toEqual(b.pinKey);
  });
});

describe('secret envelope (server key, act token)', () => {
  it('round-trips and refuses another secret or another owner', () => {
    const sealed = sealUnderSecret(serverKey, key, 'seal:cred-9:unit-1');
    expect(openUnderSecret(serverKey, sealed, 'seal:cred-9:unit-1')).toEqual(key);
    expect(() => openUnderSecret(randomBytes(32), sealed, 'seal:cred-9:unit-1')).toThrow(EnvelopeError);
    expect(() => openUnderSecret(serverKey, sealed, 'seal:cred-9:unit-2')).toThrow(EnvelopeError);
    expect(() => openUnderSecret(serverKey, 'sec1$garbage', 'seal:cred-9:unit-1')).toThrow(EnvelopeError);
  });
});
