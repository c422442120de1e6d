import { z } from 'zod';

// The rules every string a client sends must meet, in one place so each field of the contract
// states only its own limits. A NUL reaches Postgres as an error (it refuses 0x00 in text), other
// control characters and unpaired surrogates as garbage in lists and documents, and a title of
// zero-width spaces as an empty line that passed a minimum length.

export interface TextRule {
  /** Visible characters required (whitespace, format and combining characters do not count). Default 1. */
  min?: number;
  /** UTF-16 code units at most, after trimming. */
  max: number;
  /** Allows tab and line breaks (a note, minutes); single-line text refuses every control character. */
  multiline?: boolean;
}

/** True for C0 controls, DEL and C1 controls; tab, LF and CR are allowed in multi-line text. */
function isControl(code: number, multiline: boolean): boolean {
  if (multiline && (code === 0x09 || code === 0x0a || code === 0x0d)) return false;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

function hasControl(s: string, multiline: boolean): boolean {
  for (let i = 0; i < s.length; i++) if (isControl(s.charCodeAt(i), multiline)) return true;
  return false;
}

/** No unpaired UTF-16 surrogates (String.prototype.isWellFormed, which older tablets lack). */
function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

// What shows nothing on screen: whitespace, controls, format characters (zero-width space and
// joiners, BOM, bidi marks), combining marks on their own, and the blank letters some fonts draw
// as nothing (Hangul fillers, the braille blank).
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/u;

/** Characters a reader sees (code points, so a Vietnamese letter with its marks counts once). */
export function visibleLength(s: string): number {
  let n = 0;
  for (const ch of s) if (!INVISIBLE.test(ch)) n++;
  return n;
}

/** A string of text a person typed: trimmed, in NFC, no control characters, well-formed, visibly at least `min` long. */
export function text({ min = 1, max, multiline = false }: TextRule) {
  return z
    .string()
    .trim()
    .normalize('NFC')
    .max(max)
    .superRefine((s, ctx) => {
      if (!isWellFormed(s)) ctx.addIssue({ code: 'custom', message: 'must be well-formed Unicode (no unpaired surrogates)' });
      else if (hasControl(s, multiline)) {
        ctx.addIssue({ code: 'custom', message: multiline ? 'must not contain control characters other than tab and line breaks' : 'must not contain control characters or line breaks' });
      } else if (visibleLength(s) < min) {
        ctx.addIssue({ code: 'custom', message: `must contain at least ${min} visible character${min === 1 ? '' : 's'}` });
      }
    });
}

/** A password: taken as typed (not trimmed or normalised here), but no control characters. */
export function secret({ max }: { max: number }) {
  return z
    .string()
    .min(1)
    .max(max)
    .refine((s) => isWellFormed(s) && !hasControl(s, false), 'must not contain control characters');
}

// Instants the application deals in: meetings, documents, signatures. The bounds are about sane
// data, not policy (whether a meeting may be recorded after the fact is the scheduler's rule):
// four-digit years that every display, Postgres and a JavaScript Date agree on.
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** A calendar day that exists: 2025-02-30 is refused, not rolled over to March. */
function isRealDay(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

/** An ISO 8601 date and time with its UTC offset, from 2000-01-01 up to (not including) 2100-01-01. */
export function dateTime() {
  return z.iso.datetime({ offset: true }).superRefine((s, ctx) => {
    if (!isRealDay(s)) return void ctx.addIssue({ code: 'custom', message: 'must be a date that exists' });
    const t = Date.parse(s);
    if (!(t >= EARLIEST && t < LATEST)) ctx.addIssue({ code: 'custom', message: 'must lie between the years 2000 and 2099' });
  });
}
