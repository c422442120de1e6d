// Quorum over invited units and the attendance sheet as CSV, without a database.
import { describe, expect, it } from 'vitest';
import type { AttendanceSheet } from '../../src/contract/attendance.ts';
import { computeQuorum } from '../../src/attendance/quorum.ts';
import { csvField, sheetCsv } from '../../src/attendance/sheet-csv.ts';
import { vietnamTime } from '../../src/attendance/vietnam-time.ts';

describe('quorum', () => {
  it('is present invited units over invited units; people of uninvited units are present but not counted', () => {
    const invited = new Set(['d01', 'c0101', 'c0102', 'c0103']);
    const present = [
      { userId: 'a', unitId: 'd01' },
      { userId: 'b', unitId: 'd01' },
      { userId: 'c', unitId: 'c0102' },
      { userId: 'chair', unitId: 'HN' },
    ];
    expect(computeQuorum(invited, present)).toEqual({ presentUnits: 2, invitedUnits: 4, ratio: 0.5, presentPeople: 4 });
    expect(computeQuorum(new Set(), present).ratio).toBe(0);
  });
});

describe('attendance sheet CSV', () => {
  const unit = (code: string, name: string) => ({ id: `unit-${code}`, code, name });
  const d01 = unit('d01', 'UBND Quận Ba Đình');
  const c0102 = unit('c0102', 'UBND Phường 2, Ba Đình');
  const sheet: AttendanceSheet = {
    meeting: { id: '00000000-0000-4000-8000-000000000001', title: 'Giao ban', startsAt: '2025-03-14T02:00:00.000Z' },
    generatedAt: '2025-03-14T03:00:00.000Z',
    quorum: { presentUnits: 1, invitedUnits: 2, ratio: 0.5, presentPeople: 1 },
    attendees: [
      {
        userId: '00000000-0000-4000-8000-0000000000a1',
        fullName: 'Vũ Thị Hồng',
        title: 'Trưởng phòng "Nội vụ", Quận',
        unit: d01,
        present: true,
        totalSeconds: 3000,
        sessions: [
          { joinedAt: '2025-03-14T02:00:00.000Z', leftAt: '2025-03-14T02:10:00.000Z', device: 'tablet' },
          { joinedAt: '2025-03-14T02:20:00.000Z', leftAt: null, device: '=HYPERLINK("x")' },
        ],
      },
    ],
    units: [
      { unit: c0102, invited: true, present: false },
      { unit: d01, invited: true, present: true },
    ],
  };

  it('starts with a byte order mark, uses CRLF, shows Vietnam time and lists absent invited units', () => {
    const csv = sheetCsv(sheet, 'vi');
    expect(csv.startsWith('\uFEFFSTT,Mã đơn vị,Đơn vị,Họ và tên,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, -1)).toEqual([
      '1,c0102,"UBND Phường 2, Ba Đình",,,,,,,Vắng',
      '2,d01,UBND Quận Ba Đình,Vũ Thị Hồng,"Trưởng phòng ""Nội vụ"", Quận",tablet,2025-03-14 09:00:00,2025-03-14 09:10:00,10,Đã rời',
      `3,d01,UBND Quận Ba Đình,Vũ Thị Hồng,"Trưởng phòng ""Nội vụ"", Quận","'=HYPERLINK(""x"")",2025-03-14 09:20:00,,40,Có mặt`,
    ]);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(sheetCsv(sheet, 'en').split('\r\n')[0]).toBe('\uFEFFNo.,Unit code,Unit,Full name,Title,Device,Joined (Vietnam time),Left (Vietnam time),Minutes,Status');
  });

  it('quotes as RFC 4180 says and keeps formulas from running', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('+84 912')).toBe("'+84 912");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes Vietnam time, seven hours ahead of UTC, across midnight', () => {
    expect(vietnamTime(new Date('2025-12-31T17:30:05Z'))).toBe('2026-01-01 00:30:05');
  });
});
