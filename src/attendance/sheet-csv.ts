import type { AttendanceSheet } from '../contract/attendance.ts';
import type { Lang } from '../errors/index.ts';
import { vietnamTime } from './vietnam-time.ts';

// The attendance sheet as CSV for Excel: UTF-8 with a byte order mark (without it Excel reads
// the file as the system code page and Vietnamese names come out garbled), CRLF line ends and
// quoting as RFC 4180 §2, times in Vietnam time. One row per presence, then one per invited
// unit nobody came from, sorted by unit code.

const BOM = '\uFEFF';

const HEADERS: Record<Lang, string[]> = {
  vi: ['STT', 'Mã đơn vị', 'Đơn vị', 'Họ và tên', 'Chức vụ', 'Thiết bị', 'Vào lúc (giờ Việt Nam)', 'Rời lúc (giờ Việt Nam)', 'Số phút', 'Trạng thái'],
  en: ['No.', 'Unit code', 'Unit', 'Full name', 'Title', 'Device', 'Joined (Vietnam time)', 'Left (Vietnam time)', 'Minutes', 'Status'],
};

const STATUS: Record<Lang, { present: string; left: string; absent: string }> = {
  vi: { present: 'Có mặt', left: 'Đã rời', absent: 'Vắng' },
  en: { present: 'Present', left: 'Left', absent: 'Absent' },
};

export function sheetCsv(sheet: AttendanceSheet, lang: Lang): string {
  const now = new Date(sheet.generatedAt);
  const status = STATUS[lang];
  const rows: { code: string; cells: string[] }[] = [];
  for (const a of sheet.attendees) {
    for (const s of a.sessions) {
      const joined = new Date(s.joinedAt);
      const left = s.leftAt ? new Date(s.leftAt) : null;
      const minutes = Math.round(((left ?? now).getTime() - joined.getTime()) / 60_000);
      rows.push({
        code: a.unit.code,
        cells: [a.unit.code, a.unit.name, a.fullName, a.title ?? '', s.device ?? '', vietnamTime(joined), left ? vietnamTime(left) : '', String(minutes), left ? status.left : status.present],
      });
    }
  }
  for (const u of sheet.units) {
    if (u.invited && !sheet.attendees.some((a) => a.unit.id === u.unit.id)) {
      rows.push({ code: u.unit.code, cells: [u.unit.code, u.unit.name, '', '', '', '', '', '', status.absent] });
    }
  }
  // Stable: within a unit, presences keep their order (by name, then by time).
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const lines = [HEADERS[lang], ...rows.map((r, i) => [String(i + 1), ...r.cells])].map((cells) => cells.map(csvField).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * One field, quoted when it holds a comma, quote or line break (RFC 4180 §2.6–2.7). A field a
 * spreadsheet would run as a formula (= + - @ first) gets a leading apostrophe: names come
 * from accounts, and a sheet opened by a clerk must not execute them.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
