import { AppError } from '../errors/index.ts';

// What a signing PIN must be. Digits only so a tablet shows its numeric keypad; 6 digits as
// the PINs of Vietnamese remote-signing services (and of the development PKI's files) are, up to
// 12 for those who want more. The lock after 5 failed attempts is what makes 6 digits enough
// online; refusing the few PINs everyone tries first keeps those 5 attempts from being enough.

export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;

function isTrivial(pin: string): boolean {
  const digits = [...pin].map(Number);
  const step = (digits[1] ?? 0) - (digits[0] ?? 0);
  // One digit repeated (000000), or a run up or down (123456, 987654, also wrapping 890123).
  return Math.abs(step) <= 1 && digits.every((d, i) => i === 0 || (d - (digits[i - 1] as number) + 10) % 10 === (step + 10) % 10);
}

/** Throws `signing.pin_invalid` unless `pin` is 6-12 digits and not trivial. */
export function assertPinAcceptable(pin: string): void {
  const ok = new RegExp(`^[0-9]{${PIN_MIN_LENGTH},${PIN_MAX_LENGTH}}$`).test(pin) && !isTrivial(pin);
  if (!ok) throw new AppError('signing.pin_invalid');
}
