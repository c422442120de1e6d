// The demo city (Hanoi before 2025) and the command that writes it; the development PKI issues
// certificates to the same people and units.
export { seedDemo } from './demo.ts';
export { CITY, DEMO_ACCOUNTS, DISTRICTS, districtCode, districtName } from './hanoi.ts';
