// PDF date strings, ISO 32000-1 §7.9.4: D:YYYYMMDDHHmmSSOHH'mm' where O is +, - or Z.
// Signing times are shown in Vietnam time (UTC+07:00), so the offset is explicit, never the
// server's local zone.

export const VIETNAM_OFFSET_MINUTES = 7 * 60;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Formats `date` as a PDF date at a fixed UTC offset (minutes east of UTC; default 0 → "Z").
 * E.g. formatPdfDate(d, { offsetMinutes: 420 }) → "D:20240131170000+07'00'".
 */
export function formatPdfDate(date: Date, options: { offsetMinutes?: number } = {}): string {
  const offset = options.offsetMinutes ?? 0;
  if (!Number.isInteger(offset) || Math.abs(offset) >= 24 * 60) throw new RangeError(`bad UTC offset ${offset}`);
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  const t = new Date(date.getTime() + offset * 60_000);
  const year = t.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError('year outside 0000–9999');
  const body =
    pad(year, 4) + pad(t.getUTCMonth() + 1) + pad(t.getUTCDate()) +
    pad(t.getUTCHours()) + pad(t.getUTCMinutes()) + pad(t.getUTCSeconds());
  if (offset === 0) return `D:${body}Z`;
  const abs = Math.abs(offset);
  return `D:${body}${offset > 0 ? '+' : '-'}${pad(Math.floor(abs / 60))}'${pad(abs % 60)}'`;
}

const PATTERN = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+\-Z])(?:(\d{2})(?:'?(\d{2}))?'?)?)?$/;

/**
 * Parses a PDF date (any prefix of the full form, §7.9.4: missing fields default to the start
 * of the period, a missing offset means UTC here). Returns undefined when it is not a valid date.
 */
export function parsePdfDate(text: string): Date | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const n = (i: number, fallback: number) => (m[i] === undefined ? fallback : Number(m[i]));
  const [year, month, day, hour, minute, second] = [n(1, 0), n(2, 1), n(3, 1), n(4, 0), n(5, 0), n(6, 0)];
  const offH = n(8, 0);
  const offM = n(9, 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || offH > 23 || offM > 59) {
    return undefined;
  }
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day); // literal years, unlike Date.UTC for 0–99
  local.setUTCHours(hour, minute, second, 0);
  if (local.getUTCDate() !== day || local.getUTCMonth() !== month - 1) return undefined; // 31 February
  const sign = m[7] === '-' ? -1 : 1;
  const date = new Date(local.getTime() - sign * (offH * 60 + offM) * 60_000);
  return date;
}
