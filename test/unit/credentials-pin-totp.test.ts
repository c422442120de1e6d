import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { assertPinAcceptable } from '../../src/credentials/pin-rules.ts';
import { matchTotpStep, newTotpSecret, otpauthUrl } from '../../src/credentials/totp.ts';

describe('PIN rules', () => {
  it('takes 6 to 12 digits', () => {
    for (const pin of ['482915', '048291', '739184625037']) expect(() => assertPinAcceptable(pin), pin).not.toThrow();
  });

  it('refuses what is too short, too long, not digits, or trivial', () => {
    for (const pin of ['48291', '7391846250371', '48291a', '48 2915', '', '000000', '111111', '123456', '987654', '890123', '3456789012', '210987'])
      expect(() => assertPinAcceptable(pin), pin).toThrow(expect.objectContaining({ code: 'signing.pin_invalid' }));
  });
});

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 Appendix B, SHA-1 seed "12345678901234567890"; 6-digit codes are the last 6 digits.
  const rfcSecret = new Secret({ buffer: new TextEncoder().encode('12345678901234567890').buffer }).base32;
  const vectors: Array<[number, string]> = [
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ];

  it('matches the RFC test vectors and returns their time step', () => {
    for (const [seconds, code] of vectors) expect(matchTotpStep(rfcSecret, code, new Date(seconds * 1000))).toBe(Math.floor(seconds / 30));
  });

  it('accepts one step of clock drift either side, not two', () => {
    const t = 1234567890;
    const step = Math.floor(t / 30);
    expect(matchTotpStep(rfcSecret, '005924', new Date((t + 30) * 1000))).toBe(step);
    expect(matchTotpStep(rfcSecret, '005924', new Date((t - 30) * 1000))).toBe(step);
    expect(matchTotpStep(rfcSecret, '005924', new Date((t + 61) * 1000))).toBeNull();
    expect(matchTotpStep(rfcSecret, '005925', new Date(t * 1000))).toBeNull();
    expect(matchTotpStep(rfcSecret, '5924', new Date(t * 1000))).toBeNull();
  });

  it('makes 160-bit base32 secrets and an otpauth URL authenticator apps read', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(secret).not.toBe(newTotpSecret());
    const url = new URL(otpauthUrl(secret, 'd01.leader'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ secret, algorithm: 'SHA1', digits: '6', period: '30', issuer: 'eCabinet' });
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: 1_700_000_000_000 });
    expect(matchTotpStep(secret, code, new Date(1_700_000_000_000))).toBe(Math.floor(1_700_000_000 / 30));
  });
});
