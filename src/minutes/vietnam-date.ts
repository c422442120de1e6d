// Instants as the minutes print them, in Vietnam time (UTC+07:00, no daylight saving since 1975),
// computed by hand so the output does not depend on the server's time zone or ICU data.

const OFFSET_MS = 7 * 3_600_000;

interface Parts {
  day: number;
  month: number;
  year: number;
  hour: number;
  minute: number;
}

function partsOf(iso: string): Parts {
  const d = new Date(new Date(iso).getTime() + OFFSET_MS);
  return { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** "Hà Nội, ngày 05 tháng 3 năm 2026". Decree 30/2020: a day below 10, and months 1 and 2, take a leading 0. */
export function dateLine(placeName: string, iso: string): string {
  const p = partsOf(iso);
  const month = p.month < 3 ? two(p.month) : String(p.month);
  return `${placeName}, ngày ${two(p.day)} tháng ${month} năm ${p.year}`;
}

/** "08 giờ 30 phút, ngày 05/3/2026" */
export function timeAndDate(iso: string): string {
  const p = partsOf(iso);
  return `${two(p.hour)} giờ ${two(p.minute)} phút, ngày ${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** "08:30" — within a table where the date is already known. */
export function clock(iso: string): string {
  const p = partsOf(iso);
  return `${two(p.hour)}:${two(p.minute)}`;
}

/** "08:30 05/03" when the day differs from `sameDayAs`, else "08:30". */
export function clockOn(iso: string, sameDayAs: string): string {
  const a = partsOf(iso);
  const b = partsOf(sameDayAs);
  const sameDay = a.day === b.day && a.month === b.month && a.year === b.year;
  return sameDay ? clock(iso) : `${clock(iso)} ${two(a.day)}/${two(a.month)}`;
}
