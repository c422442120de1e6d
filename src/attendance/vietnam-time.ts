/**
 * "2025-03-14 09:05:00" in Vietnam time (UTC+07:00; no daylight saving since 1975), the form
 * Excel reads as a date and time in any locale.
 */
export function vietnamTime(d: Date): string {
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
