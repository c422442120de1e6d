// Meetings are scheduled in Vietnam time (UTC+07:00, no daylight saving) whatever zone the
// device is set to: a clerk's laptop set to UTC must not move a meeting by seven hours. The form
// uses <input type="datetime-local">, whose value has no zone; these helpers give it one.

const OFFSET = '+07:00';
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** "2026-12-01T08:30" (Vietnam wall clock) → "2026-12-01T08:30:00+07:00", or null if malformed. */
export function vietnamLocalToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const iso = `${value}:00${OFFSET}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** An instant as the Vietnam wall-clock value a datetime-local input takes. */
function toVietnamLocal(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** The default start: the next full hour, at least 30 minutes from now. */
export function defaultStart(now = new Date()): string {
  const start = new Date(now.getTime() + 30 * 60 * 1000);
  start.setUTCMinutes(0, 0, 0);
  start.setUTCHours(start.getUTCHours() + 1);
  return toVietnamLocal(start);
}
