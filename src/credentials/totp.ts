import { Secret, TOTP } from 'otpauth';

// RFC 6238 time-based one-time codes as every authenticator app reads them from a QR code:
// SHA-1, 6 digits, 30-second steps (the Key Uri Format's defaults, which some apps assume).

const ISSUER = 'eCabinet';
const PERIOD = 30;
/** RFC 6238 §5.2: accept one step either side for a phone whose clock drifts a little. */
const WINDOW = 1;

const totpFor = (base32: string, label = ''): TOTP =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(base32) });

/** A new 160-bit secret (RFC 4226 §4 recommends 160 bits), base32. */
export function newTotpSecret(): string {
  // otpauth draws it from the Web Crypto API's CSPRNG (crypto.getRandomValues).
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI a QR code carries; the label is the account name the app shows. */
export function otpauthUrl(base32: string, account: string): string {
  return totpFor(base32, account).toString();
}

/**
 * The time step `code` belongs to at `now` (within one step either side), or null when it is not
 * a current code. Callers spend that step once (the replay guard).
 */
export function matchTotpStep(base32: string, code: string, now: Date): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const totp = totpFor(base32);
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  return delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
}
