// Every object of one file, found through cross-reference entries (ISO 32000-1 §7.5.4, §7.5.7,
// §7.5.8) and scanned once. Strict: an entry that does not lead to its object — no `N G obj`
// at the offset, another object there, not at that index of the object stream — is a damaged
// file, never a reason to search the file for some copy of the object. A revision view (an
// older state of the file) resolves through its own entries, so the same store serves every
// revision the verifier compares.
import { PDFContext, PDFName, PDFNumber, PDFRawStream, type PDFObject } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { readUint, skipWhite } from './bytes.ts';
import { LIMITS } from './limits.ts';
import { buildObject, scanIndirectAt } from './object-parse.ts';
import { scanDirect, type ScannedObject } from './object-scan.ts';
import { DecodeBudget, decodeStream } from './stream-decode.ts';
import type { XrefChain, XrefEntry } from './xref-read.ts';

export type Location = Exclude<XrefEntry, { kind: 'free' }>;
export type Entries = ReadonlyMap<number, XrefEntry>;

/** A scanned object and the bytes its offsets refer to (the file, or an object stream's data). */
export interface Located {
  scan: ScannedObject;
  data: Uint8Array;
}

interface ObjStm {
  data: Uint8Array;
  /** Offset of each member in `data`, by index (§7.5.7: /First plus the pair's offset). */
  starts: number[];
  nums: number[];
  /** Scan limit of each member: where the next member starts. */
  ends: number[];
}

/** True for the file's own machinery: object streams and cross-reference streams. */
export const isStructural = (scan: ScannedObject): boolean => scan.stream !== undefined && (scan.type === 'ObjStm' || scan.type === 'XRef');

export class ObjectStore {
  readonly bytes: Uint8Array;
  readonly budget: DecodeBudget;
  /** Offsets the file lists (objects, sections), sorted: no object may run past the next one. */
  private readonly bounds: number[];
  private readonly scans = new Map<string, Located | Error>();
  private readonly objStms = new Map<string, ObjStm | Error | null>();
  private scratch: PDFContext | undefined;

  constructor(bytes: Uint8Array, chain: XrefChain, budget = new DecodeBudget()) {
    this.bytes = bytes;
    this.budget = budget;
    const bounds = new Set<number>([bytes.length]);
    for (const { section, hybrid } of chain.groups) {
      for (const s of [section, hybrid]) {
        if (!s) continue;
        bounds.add(s.offset);
        for (const e of s.entries.values()) if (e.kind === 'offset') bounds.add(e.offset);
      }
    }
    this.bounds = [...bounds].sort((a, b) => a - b);
  }

  private limitAfter(offset: number): number {
    let lo = 0;
    let hi = this.bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.bounds[mid] as number) > offset) hi = mid;
      else lo = mid + 1;
    }
    return this.bounds[lo] as number;
  }

  /**
   * Object `num` at `loc`, as the view with `entries` sees it. Throws SigningError for limits
   * ('pdf.too_complex', 'pdf.malformed' for a stream referring to itself) and Error otherwise.
   */
  locate(num: number, loc: Location, entries: Entries): Located {
    const key = loc.kind === 'offset' ? `${loc.offset}` : `${loc.stream}:${loc.index}:${stmKey(loc.stream, entries)}`;
    let found = this.scans.get(key);
    if (!found) {
      try {
        found = this.scanAt(num, loc, entries);
      } catch (err) {
        if (err instanceof SigningError) throw err;
        found = err instanceof Error ? err : new Error(String(err));
      }
      this.scans.set(key, found);
    }
    if (found instanceof Error) throw found;
    if (loc.kind === 'compressed' && this.objStms.get(`${loc.stream}@${stmKey(loc.stream, entries)}`) instanceof Error) throw found;
    return found;
  }

  private scanAt(num: number, loc: Location, entries: Entries): Located {
    if (loc.kind === 'offset') {
      const { scan } = scanIndirectAt(this.bytes, loc.offset, { num, gen: loc.gen }, {
        limit: this.limitAfter(loc.offset),
        resolveLength: (n) => this.lengthValue(n, entries),
      });
      return { scan, data: this.bytes };
    }
    const stm = this.objStm(loc.stream, entries);
    if (stm.nums[loc.index] !== num) throw new Error(`object ${num} is not at index ${loc.index} of object stream ${loc.stream}`);
    const scan = scanDirect(stm.data, stm.starts[loc.index] as number, { limit: stm.ends[loc.index] });
    return { scan, data: stm.data };
  }

  /** §7.3.8.2: an indirect /Length must be an integer object; read only when uncompressed, without recursion. */
  private lengthValue(num: number, entries: Entries): number | undefined {
    const e = entries.get(num);
    if (e?.kind !== 'offset') return undefined;
    try {
      const { scan } = scanIndirectAt(this.bytes, e.offset, { num, gen: e.gen }, { limit: this.limitAfter(e.offset) });
      const v = readUint(this.bytes, scan.valueStart);
      return v && v.end === scan.valueEnd ? v.value : undefined;
    } catch {
      return undefined;
    }
  }

  /** The pdf-lib object for `num`, bound to `context`; undefined for object and xref streams. */
  parse(num: number, loc: Location, entries: Entries, context: PDFContext): PDFObject | undefined {
    const { scan, data } = this.locate(num, loc, entries);
    if (isStructural(scan)) return undefined;
    return buildObject(data, scan, context);
  }

  private objStm(stream: number, entries: Entries): ObjStm {
    const key = `${stream}@${stmKey(stream, entries)}`;
    const cached = this.objStms.get(key);
    if (cached === null) throw new SigningError('pdf.malformed', `The PDF is damaged: object stream ${stream} depends on itself.`);
    if (cached instanceof Error) throw cached;
    if (cached) return cached;
    this.objStms.set(key, null); // reading: a lookup that comes back here is a loop
    let stm: ObjStm | Error;
    try {
      stm = this.readObjStm(stream, entries);
    } catch (err) {
      if (err instanceof SigningError) {
        this.objStms.delete(key);
        throw err;
      }
      stm = err instanceof Error ? err : new Error(String(err));
    }
    this.objStms.set(key, stm);
    if (stm instanceof Error) throw stm;
    return stm;
  }

  /** §7.5.7: /N pairs of "objnum offset" integers, then the objects from /First on. */
  private readObjStm(num: number, entries: Entries): ObjStm {
    const entry = entries.get(num);
    if (entry?.kind !== 'offset') throw new Error(`object stream ${num} is not an uncompressed object`);
    const { scan, data } = this.locate(num, entry, entries);
    // A scratch context: the stream dictionary is read for /N, /First and the filters only, and
    // those must be direct (an indirect /Filter could only be resolved through this very stream).
    this.scratch ??= PDFContext.create();
    const object = buildObject(data, scan, this.scratch);
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Type')) !== PDFName.of('ObjStm')) {
      throw new Error(`object ${num} is not an object stream`);
    }
    const n = object.dict.get(PDFName.of('N'));
    const first = object.dict.get(PDFName.of('First'));
    if (!(n instanceof PDFNumber) || !(first instanceof PDFNumber)) throw new Error(`object stream ${num} lacks a direct /N or /First`);
    const decoded = decodeStream(object, this.budget);
    const firstAt = first.asNumber();
    if (!Number.isSafeInteger(firstAt) || firstAt < 0 || firstAt > decoded.length) throw new Error(`object stream ${num} has a bad /First`);
    const nums: number[] = [];
    const starts: number[] = [];
    let i = 0;
    for (let k = 0; k < Math.min(n.asNumber(), LIMITS.objects) && i < firstAt; k++) {
      const a = readUint(decoded, skipWhite(decoded, i));
      const b = a && readUint(decoded, skipWhite(decoded, a.end));
      if (!a || !b) break;
      nums.push(a.value);
      starts.push(firstAt + b.value);
      i = b.end;
    }
    const sorted = [...new Set([...starts, decoded.length])].sort((x, y) => x - y);
    const ends = starts.map((s) => sorted.find((x) => x > s) ?? decoded.length);
    return { data: decoded, starts, nums, ends };
  }
}

/** Which version of an object stream a view sees: its offset in that view. */
function stmKey(stream: number, entries: Entries): string {
  const e = entries.get(stream);
  return e?.kind === 'offset' ? String(e.offset) : 'none';
}
