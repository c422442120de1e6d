// Signing time as shown in an appearance: ISO 8601 with Vietnam's offset, whatever the server's
// time zone. Decree 30/2020/ND-CP Appendix I asks for "ngày tháng năm; giờ phút giây; múi giờ
// Việt Nam theo tiêu chuẩn ISO 8601". Vietnam has had no daylight saving time since 1975, so a
// fixed +07:00 is exact and we need neither Intl nor the tz database.

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 2026-11-25T04:37:00Z → "2026-11-25T11:37:00+07:00" (seconds precision, milliseconds dropped). */
export function formatVietnamTime(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('formatVietnamTime: invalid Date');
  // Shift the instant by +7 h and read the UTC fields: those are the wall clock in Vietnam.
  const t = new Date(ms + VIETNAM_OFFSET_MS);
  const year = t.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError('formatVietnamTime: year outside 0000–9999');
  return (
    `${pad(year, 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}` +
    `T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}+07:00`
  );
}
