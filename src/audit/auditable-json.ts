import type { AuditDetails, AuditJson } from '../contract/audit.ts';
import { canonicalJson } from './canonical-json.ts';

/** Canonical JSON of an event's details may not exceed this: ids and short codes, not documents. */
export const MAX_DETAILS_BYTES = 4096;
const MAX_DEPTH = 6;

/** A caller handed recordEvent something the log cannot keep exactly; a bug in the caller. */
export class AuditInputError extends Error {
  override name = 'AuditInputError';
}

/**
 * `details` as the database will give it back, or AuditInputError. The hash covers details read
 * back from a jsonb column, so only values that survive jsonb unchanged are accepted: finite
 * numbers, strings without NUL (Postgres text cannot hold it) and without lone surrogates
 * (invalid Unicode). Keys whose value is undefined are dropped, as JSON.stringify drops them.
 */
export function auditableDetails(details: Record<string, unknown> | undefined): AuditDetails {
  if (details === undefined) return {};
  const value = normalise(details, 'details', 0);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new AuditInputError('details must be an object');
  const size = Buffer.byteLength(canonicalJson(value), 'utf8');
  if (size > MAX_DETAILS_BYTES) {
    throw new AuditInputError(`details take ${size} bytes of canonical JSON, over ${MAX_DETAILS_BYTES}: keep ids and short codes, not documents`);
  }
  return value;
}

function normalise(v: unknown, path: string, depth: number): AuditJson {
  if (depth > MAX_DEPTH) throw new AuditInputError(`${path}: nested deeper than ${MAX_DEPTH}`);
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new AuditInputError(`${path}: ${v} is not a finite number`);
    return v === 0 ? 0 : v; // -0 reads back as 0
  }
  if (typeof v === 'string') return text(v, path);
  if (Array.isArray(v)) {
    return v.map((item, i) => {
      if (item === undefined) throw new AuditInputError(`${path}[${i}]: undefined is not JSON`);
      return normalise(item, `${path}[${i}]`, depth + 1);
    });
  }
  if (typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v))) {
    // fromEntries defines own properties, so even a "__proto__" key stays data.
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, item]) => item !== undefined)
        .map(([k, item]) => [text(k, `${path} key`), normalise(item, `${path}.${k}`, depth + 1)]),
    );
  }
  throw new AuditInputError(`${path}: ${describe(v)} is not JSON (pass ids, numbers, short strings; dates as ISO strings)`);
}

function text(s: string, path: string): string {
  if (s.includes('\u0000')) throw new AuditInputError(`${path}: contains U+0000, which Postgres cannot store`);
  if (!s.isWellFormed()) throw new AuditInputError(`${path}: contains a lone surrogate (not valid Unicode)`);
  return s;
}

function describe(v: unknown): string {
  if (v instanceof Date) return 'a Date';
  if (typeof v === 'object') return `an instance of ${v?.constructor?.name ?? 'an unknown class'}`;
  return `a ${typeof v}`;
}
