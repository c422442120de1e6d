/**
 * The one spelling of a username: stored so, looked up so, and counted so by the sign-in limits
 * (an attacker varying case or spaces must not get fresh counters).
 */
export function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}
