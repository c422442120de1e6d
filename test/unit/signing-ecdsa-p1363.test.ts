import { generateKeyPairSync, sign, verify, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ecdsaP1363ToDer } from '../../src/signing/signers/index.ts';

// WebCrypto's ECDSA signature is r||s (IEEE P1363); CMS needs DER Ecdsa-Sig-Value (RFC 5753 §2.1.1).

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

describe('ECDSA P1363 → DER', () => {
  it('encodes minimal INTEGERs: leading zeros dropped, a 0x00 before a set high bit', () => {
    const r = `00000000000000000000000000000000000000000000000000000000000000${'7f'}`;
    const s = `80${'11'.repeat(31)}`;
    expect(Buffer.from(ecdsaP1363ToDer(hex(r + s))).toString('hex')).toBe(`3026020${1}7f022100${s}`);
  });

  it('gives what node:crypto itself produces with dsaEncoding der', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 50; i++) {
      const data = Buffer.from(`message ${i}`);
      const p1363 = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
      const der = ecdsaP1363ToDer(p1363);
      // OpenSSL's decoder (behind verify) rejects non-minimal DER, so this also checks the encoding.
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
    }
  });

  it('converts a real WebCrypto signature (P-256 and P-384)', async () => {
    for (const namedCurve of ['P-256', 'P-384'] as const) {
      const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve }, true, ['sign', 'verify']);
      const data = new TextEncoder().encode('signed attributes');
      const raw = new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, data));
      expect(raw.length).toBe(namedCurve === 'P-256' ? 64 : 96);
      const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey));
      expect(verify('sha256', data, { key: spki, format: 'der', type: 'spki', dsaEncoding: 'der' }, ecdsaP1363ToDer(raw))).toBe(true);
    }
  });

  it('refuses a signature of the wrong length', () => {
    expect(() => ecdsaP1363ToDer(new Uint8Array(63))).toThrow(expect.objectContaining({ code: 'signing.bad_credential' }));
  });
});
