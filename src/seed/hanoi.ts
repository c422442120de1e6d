import type { Role } from '../contract/auth.ts';

// The demo city: Hanoi as it was organised before 2025 — the city, a few departments, its 30
// district-level units by their real names, and 579 commune-level units (generic names; the
// counts per district follow the real ones closely). Data only; demo.ts writes it.

export const LEVELS = [
  { code: 'city', name: 'Thành phố', nameEn: 'City', rank: 0 },
  { code: 'department', name: 'Sở, ban, ngành', nameEn: 'Department', rank: 1 },
  { code: 'district', name: 'Quận, huyện, thị xã', nameEn: 'District', rank: 1 },
  { code: 'commune', name: 'Xã, thị trấn', nameEn: 'Commune', rank: 2 },
  { code: 'ward', name: 'Phường', nameEn: 'Ward', rank: 2 },
] as const;

export const CITY = { code: 'HN', name: 'UBND Thành phố Hà Nội' };

export const DEPARTMENTS = [
  { code: 'so-noivu', name: 'Sở Nội vụ' },
  { code: 'so-taichinh', name: 'Sở Tài chính' },
  { code: 'so-khdt', name: 'Sở Kế hoạch và Đầu tư' },
  { code: 'so-yte', name: 'Sở Y tế' },
  { code: 'so-gddt', name: 'Sở Giáo dục và Đào tạo' },
  { code: 'so-tttt', name: 'Sở Thông tin và Truyền thông' },
] as const;

/** kind: urban districts have wards; rural districts and the town have communes (and towns). */
export const DISTRICTS: ReadonlyArray<{ name: string; kind: 'quan' | 'thixa' | 'huyen'; communes: number }> = [
  { name: 'Ba Đình', kind: 'quan', communes: 14 },
  { name: 'Hoàn Kiếm', kind: 'quan', communes: 18 },
  { name: 'Tây Hồ', kind: 'quan', communes: 8 },
  { name: 'Long Biên', kind: 'quan', communes: 14 },
  { name: 'Cầu Giấy', kind: 'quan', communes: 8 },
  { name: 'Đống Đa', kind: 'quan', communes: 21 },
  { name: 'Hai Bà Trưng', kind: 'quan', communes: 15 },
  { name: 'Hoàng Mai', kind: 'quan', communes: 14 },
  { name: 'Thanh Xuân', kind: 'quan', communes: 11 },
  { name: 'Nam Từ Liêm', kind: 'quan', communes: 10 },
  { name: 'Bắc Từ Liêm', kind: 'quan', communes: 13 },
  { name: 'Hà Đông', kind: 'quan', communes: 17 },
  { name: 'Sơn Tây', kind: 'thixa', communes: 15 },
  { name: 'Ba Vì', kind: 'huyen', communes: 31 },
  { name: 'Chương Mỹ', kind: 'huyen', communes: 32 },
  { name: 'Đan Phượng', kind: 'huyen', communes: 16 },
  { name: 'Đông Anh', kind: 'huyen', communes: 24 },
  { name: 'Gia Lâm', kind: 'huyen', communes: 22 },
  { name: 'Hoài Đức', kind: 'huyen', communes: 20 },
  { name: 'Mê Linh', kind: 'huyen', communes: 18 },
  { name: 'Mỹ Đức', kind: 'huyen', communes: 22 },
  { name: 'Phú Xuyên', kind: 'huyen', communes: 28 },
  { name: 'Phúc Thọ', kind: 'huyen', communes: 23 },
  { name: 'Quốc Oai', kind: 'huyen', communes: 21 },
  { name: 'Sóc Sơn', kind: 'huyen', communes: 26 },
  { name: 'Thạch Thất', kind: 'huyen', communes: 23 },
  { name: 'Thanh Oai', kind: 'huyen', communes: 21 },
  { name: 'Thanh Trì', kind: 'huyen', communes: 16 },
  { name: 'Thường Tín', kind: 'huyen', communes: 29 },
  { name: 'Ứng Hòa', kind: 'huyen', communes: 29 },
];

const KIND_PREFIX = { quan: 'UBND Quận', thixa: 'UBND Thị xã', huyen: 'UBND Huyện' } as const;

export const districtCode = (i: number): string => `d${String(i + 1).padStart(2, '0')}`;
export const communeCode = (d: number, c: number): string =>
  `c${String(d + 1).padStart(2, '0')}${String(c + 1).padStart(2, '0')}`;
export const districtName = (d: (typeof DISTRICTS)[number]): string => `${KIND_PREFIX[d.kind]} ${d.name}`;
export const communeName = (d: (typeof DISTRICTS)[number], c: number): string =>
  d.kind === 'quan' ? `UBND Phường ${c + 1}, ${d.name}` : `UBND Xã ${c + 1}, ${d.name}`;
export const communeLevel = (d: (typeof DISTRICTS)[number]): 'ward' | 'commune' =>
  d.kind === 'quan' ? 'ward' : 'commune';

/** The demo accounts, exactly as the README lists them. */
export const DEMO_ACCOUNTS: ReadonlyArray<{
  username: string;
  unitCode: string;
  fullName: string;
  title: string;
  roles: Role[];
}> = [
  { username: 'admin', unitCode: 'HN', fullName: 'Quản trị hệ thống', title: 'Quản trị viên', roles: ['admin'] },
  { username: 'city.clerk', unitCode: 'HN', fullName: 'Nguyễn Thị Thu Hà', title: 'Chuyên viên Văn phòng UBND Thành phố', roles: ['clerk'] },
  { username: 'city.leader', unitCode: 'HN', fullName: 'Trần Văn Quang', title: 'Chủ tịch UBND Thành phố', roles: ['leader'] },
  { username: 'city.member', unitCode: 'HN', fullName: 'Lê Minh Đức', title: 'Phó Chánh Văn phòng UBND Thành phố', roles: ['member'] },
  { username: 'd01.clerk', unitCode: 'd01', fullName: 'Phạm Thị Lan', title: 'Chuyên viên Văn phòng UBND Quận Ba Đình', roles: ['clerk'] },
  { username: 'd01.leader', unitCode: 'd01', fullName: 'Hoàng Văn Nam', title: 'Chủ tịch UBND Quận Ba Đình', roles: ['leader'] },
  { username: 'd01.member', unitCode: 'd01', fullName: 'Vũ Thị Hồng', title: 'Trưởng phòng Nội vụ Quận Ba Đình', roles: ['member'] },
  { username: 'd02.clerk', unitCode: 'd02', fullName: 'Đặng Thị Mai', title: 'Chuyên viên Văn phòng UBND Quận Hoàn Kiếm', roles: ['clerk'] },
  { username: 'd02.leader', unitCode: 'd02', fullName: 'Bùi Quốc Huy', title: 'Chủ tịch UBND Quận Hoàn Kiếm', roles: ['leader'] },
  { username: 'd02.member', unitCode: 'd02', fullName: 'Đỗ Văn Thành', title: 'Trưởng phòng Tài chính Quận Hoàn Kiếm', roles: ['member'] },
  { username: 'c0101.member', unitCode: 'c0101', fullName: 'Ngô Thị Hương', title: 'Chủ tịch UBND Phường 1, Ba Đình', roles: ['member'] },
];
