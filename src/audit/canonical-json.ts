import type { AuditJson } from '../contract/audit.ts';

// RFC 8785 JSON Canonicalization Scheme (JCS) for the JSON an audit event is made of.
// - §3.2.2.2 strings: ECMAScript JSON.stringify's escaping (", \, the two-letter escapes, other
//   controls as \u00xx lowercase; everything else literal UTF-8).
// - §3.2.2.3 numbers: ECMAScript Number serialization, which JSON.stringify implements (finite
//   numbers only; -0 is written 0).
// - §3.2.3 object members sorted by their names as arrays of UTF-16 code units — what
//   Array.prototype.sort does with strings by default — with no whitespace anywhere.
// Values are checked by auditable-json.ts before they get here (no NaN, lone surrogates or NUL).

export function canonicalJson(value: AuditJson): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as AuditJson)}`).join(',')}}`;
}
