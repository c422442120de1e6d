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

/** An instant as the datetime-local value of the form (Vietnam wall clock), e.g. when editing. */
export function vietnamLocalOf(iso: string): string {
  return toVietnamLocal(new Date(iso));
}

/** The Vietnam calendar day of an instant: "2026-12-01". */
export function vietnamDay(iso: string | Date): string {
  return toVietnamLocal(typeof iso === 'string' ? new Date(iso) : iso).slice(0, 10);
}

/** The first and last instant of a Vietnam calendar day ("2026-12-01"), or null if malformed. */
export function vietnamDayBounds(day: string): { start: string; end: string } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00${OFFSET}`))) return null;
  return { start: `${day}T00:00:00${OFFSET}`, end: `${day}T23:59:59.999${OFFSET}` };
}
