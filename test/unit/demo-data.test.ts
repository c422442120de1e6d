import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DISTRICTS, communeCode, districtCode } from '../../src/seed/hanoi.ts';

describe('demo Hanoi data', () => {
  it('has the 30 districts of Hanoi and 579 communes and wards', () => {
    expect(DISTRICTS).toHaveLength(30);
    expect(new Set(DISTRICTS.map((d) => d.name)).size).toBe(30);
    expect(DISTRICTS.reduce((n, d) => n + d.communes, 0)).toBe(579);
    expect(DISTRICTS.map((d) => d.name)).toEqual(expect.arrayContaining(['Ba Đình', 'Hoàn Kiếm', 'Sơn Tây', 'Ứng Hòa']));
  });

  it('codes districts d01…d30 and communes cDDNN', () => {
    expect(districtCode(0)).toBe('d01');
    expect(districtCode(29)).toBe('d30');
    expect(communeCode(0, 0)).toBe('c0101');
  });

  it('lists exactly the demo accounts the README promises', () => {
    expect(DEMO_ACCOUNTS.map((a) => a.username)).toEqual([
      'admin',
      'city.clerk',
      'city.leader',
      'city.member',
      'd01.clerk',
      'd01.leader',
      'd01.member',
      'd02.clerk',
      'd02.leader',
      'd02.member',
      'c0101.member',
    ]);
  });
});
