import { CITY, DEMO_ACCOUNTS, DISTRICTS, districtCode, districtName } from '../seed/index.ts';
import { createDevPki } from './create-dev-pki.ts';
import type { DevPkiDemo, DevPkiIndex, DevPkiOptions } from './dev-pki-types.ts';

// What `ecabinet pki init --dir DIR` runs: the development PKI for the demo city's signers.

/** Leaders and clerks of the city and the first two districts, with seals for those three units. */
export function demoSigners(): DevPkiDemo {
  const units = [
    { code: CITY.code, name: CITY.name },
    ...DISTRICTS.slice(0, 2).map((d, i) => ({ code: districtCode(i), name: districtName(d) })),
  ];
  const codes = new Set(units.map((u) => u.code));
  const people = DEMO_ACCOUNTS.filter((a) => codes.has(a.unitCode) && a.roles.some((r) => r === 'leader' || r === 'clerk')).map((a) => ({
    username: a.username,
    fullName: a.fullName,
    unitCode: a.unitCode,
  }));
  return { units, people };
}

export function initDevPki(dir: string, opts: Omit<DevPkiOptions, 'dir' | 'demo'> = {}): Promise<DevPkiIndex> {
  return createDevPki({ ...opts, dir, demo: demoSigners() });
}
