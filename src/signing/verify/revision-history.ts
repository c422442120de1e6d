// What each revision after the first signature wrote, read from its cross-reference section
// (ISO 32000-1 §7.5.4, §7.5.6, §7.5.8) and checked against the bytes it appended. An update
// may only define objects in its own bytes: an entry that points back into an earlier revision
// reveals a copy prepared before signing (PDF-Insecurity's "shadow" attacks); a freed object,
// a reused number or an object the section does not list are refused here, before any object
// is compared (change-rules.ts does that).
import { PDFRef, type PDFObject } from 'pdf-lib';
import {
  groupEntries,
  isStructural,
  latin1,
  openView,
  skipWhiteAndComments,
  type IncrementalPdf,
  type Location,
  type RevisionMap,
  type RevisionView,
  type ScannedObject,
  type XrefEntry,
} from '../pdf/index.ts';

export interface RevisionDiff {
  /** Index of the revision (its `%%EOF` marker). */
  index: number;
  /** Where its bytes start (after the previous `%%EOF`) and where its `%%EOF` is. */
  start: number;
  eof: number;
  prev?: RevisionView;
  cur?: RevisionView;
  /** Objects this revision (re)defined, by number: their location differs from the previous revision's. */
  written: Map<number, Location>;
  /** Among `written`, and object streams and xref streams: numbers not in use before. */
  added: Set<number>;
  /** Object and cross-reference streams this revision wrote (containers, not content). */
  containers: Set<number>;
  violations: string[];
}

export interface RefIndex {
  /** Every object number some in-use object of the view refers to. */
  referenced: Set<number>;
  /** Who refers to an object: the referring object and the top-level key it uses. */
  referrers: Map<number, { from: number; key: string }[]>;
}

/** Views, scans and reference indexes of one file, shared by every revision compared. */
export class FileHistory {
  readonly pdf: IncrementalPdf;
  readonly map: RevisionMap;
  private readonly views = new Map<number, RevisionView | Error>();
  private readonly indexes = new Map<number, RefIndex>();

  constructor(pdf: IncrementalPdf, map: RevisionMap) {
    this.pdf = pdf;
    this.map = map;
  }

  /** The file as of chain group `group` (0 = newest); throws when that state cannot be read. */
  view(group: number): RevisionView {
    let v = this.views.get(group);
    if (!v) {
      try {
        v = openView(this.pdf, group);
      } catch (err) {
        v = err instanceof Error ? err : new Error(String(err));
      }
      this.views.set(group, v);
    }
    if (v instanceof Error) throw v;
    return v;
  }

  /** The scan of object `num` in `view`, or undefined when it is free or unreadable there. */
  scan(view: RevisionView, num: number): ScannedObject | undefined {
    const e = view.entries.get(num);
    if (!e || e.kind === 'free') return undefined;
    try {
      return this.pdf.store.locate(num, e, view.entries).scan;
    } catch {
      return undefined;
    }
  }

  /** The parsed object `num` of `view`, or undefined. */
  lookup(view: RevisionView, num: number): PDFObject | undefined {
    const e = view.entries.get(num);
    if (!e || e.kind === 'free') return undefined;
    return view.doc.context.lookup(PDFRef.of(num, e.kind === 'offset' ? e.gen : 0));
  }

  refIndex(view: RevisionView): RefIndex {
    let index = this.indexes.get(view.group);
    if (!index) {
      index = { referenced: new Set(), referrers: new Map() };
      for (const [num, e] of view.entries) {
        if (e.kind === 'free' || num === 0) continue;
        const scan = this.scan(view, num);
        scan?.refs.forEach((r, k) => {
          index?.referenced.add(r);
          const list = index?.referrers.get(r);
          if (list) list.push({ from: num, key: scan.refKeys[k] ?? '' });
          else index?.referrers.set(r, [{ from: num, key: scan.refKeys[k] ?? '' }]);
        });
      }
      this.indexes.set(view.group, index);
    }
    return index;
  }
}

const sameLocation = (a: XrefEntry, b: XrefEntry): boolean =>
  (a.kind === 'offset' && b.kind === 'offset' && a.offset === b.offset && a.gen === b.gen) ||
  (a.kind === 'compressed' && b.kind === 'compressed' && a.stream === b.stream && a.index === b.index);

/** The diff of every revision after `first` (the first signed one), in file order. */
export function revisionDiffs(history: FileHistory, first: number): RevisionDiff[] {
  const { pdf, map } = history;
  const { markers, heads } = map;
  const out: RevisionDiff[] = [];
  for (let r = first + 1; r < markers.length; r++) {
    const marker = markers[r] as (typeof markers)[number];
    const before = markers[r - 1] as (typeof markers)[number];
    const diff: RevisionDiff = { index: r, start: before.eof + 5, eof: marker.eof, written: new Map(), added: new Set(), containers: new Set(), violations: [] };
    out.push(diff);
    const head = heads[r] as number;
    const prevHead = heads[r - 1] as number;
    // Each revision adds exactly one section (a hybrid table and its stream count as one),
    // whose /Prev is the previous revision's: anything else hides or skips bytes.
    if (head < 0 || prevHead < 0 || prevHead !== head + 1) {
      diff.violations.push(
        head < 0
          ? `its startxref (${marker.startxref}) names no section of the cross-reference chain`
          : `its cross-reference section does not lead straight to revision ${r - 1}'s (sections skipped, added or reordered)`,
      );
      continue;
    }
    const group = pdf.chain.groups[head] as (typeof pdf.chain.groups)[number];
    for (const s of [group.section, group.hybrid]) {
      if (s && (s.offset < diff.start || s.offset >= diff.eof)) diff.violations.push(`its cross-reference section lies outside its own bytes (offset ${s.offset})`);
    }
    try {
      diff.prev = history.view(prevHead);
      diff.cur = history.view(head);
    } catch (err) {
      diff.violations.push(`it cannot be read (${(err as Error).message})`);
      continue;
    }
    readEntries(history, diff, head);
    findUnlisted(history, diff, head);
  }
  return out;
}

function readEntries(history: FileHistory, diff: RevisionDiff, head: number): void {
  const { pdf } = history;
  const prev = diff.prev as RevisionView;
  const cur = diff.cur as RevisionView;
  const group = pdf.chain.groups[head] as (typeof pdf.chain.groups)[number];
  const own = new Set([group.section.streamObject, group.hybrid?.streamObject].filter((n): n is number => n !== undefined));
  const entries = groupEntries(group);
  const inUseBefore = (num: number) => {
    const e = prev.entries.get(num);
    return e !== undefined && e.kind !== 'free';
  };
  for (const [num, e] of entries) {
    if (num === 0) continue;
    const was = prev.entries.get(num);
    const wasInUse = inUseBefore(num);
    if (own.has(num)) {
      if (wasInUse) diff.violations.push(`its cross-reference stream takes the number of existing object ${num}`);
      else {
        diff.added.add(num);
        diff.containers.add(num);
      }
      continue;
    }
    if (e.kind === 'free') {
      if (wasInUse) diff.violations.push(`object ${num} is deleted (freed)`);
      continue;
    }
    if (was && wasInUse && sameLocation(was, e)) continue; // listed again, unchanged
    if (e.kind === 'offset' && (e.offset < diff.start || e.offset >= diff.eof)) {
      diff.violations.push(`object ${num} is redefined at offset ${e.offset}, in the bytes of an earlier revision: a hidden or older copy comes into force`);
      continue;
    }
    if (e.kind === 'compressed') {
      const stm = entries.get(e.stream);
      if (stm?.kind !== 'offset' || stm.offset < diff.start || stm.offset >= diff.eof) {
        diff.violations.push(`object ${num} is placed in object stream ${e.stream}, which this revision did not write`);
        continue;
      }
    }
    const gen = e.kind === 'offset' ? e.gen : 0;
    if (wasInUse && was && gen !== (was.kind === 'offset' ? was.gen : 0)) {
      diff.violations.push(`object ${num} is reused with generation ${gen}`);
      continue;
    }
    if (!wasInUse && everInUse(history, head + 1, num)) {
      diff.violations.push(`object ${num} was deleted in an earlier revision and is defined again`);
      continue;
    }
    let scan: ScannedObject;
    try {
      scan = pdf.store.locate(num, e, cur.entries).scan;
    } catch (err) {
      diff.violations.push(`object ${num} cannot be read (${(err as Error).message})`);
      continue;
    }
    if (isStructural(scan)) {
      if (wasInUse) diff.violations.push(`an object stream or cross-reference stream takes the number of existing object ${num}`);
      else {
        diff.containers.add(num);
        diff.added.add(num);
      }
      continue;
    }
    diff.written.set(num, e);
    if (!wasInUse) diff.added.add(num);
  }
}

/** Whether any section older than chain group `from` has an in-use entry for `num`. */
function everInUse(history: FileHistory, from: number, num: number): boolean {
  const { groups } = history.pdf.chain;
  for (let g = from; g < groups.length; g++) {
    const e = groupEntries(groups[g] as (typeof groups)[number]).get(num);
    if (e && e.kind !== 'free') return true;
  }
  return false;
}

/**
 * Object headers in the revision's bytes that its section does not list. Readers that
 * reconstruct damaged files (or scan, as pdf-lib does) may show them: incremental saving
 * attacks append objects without listing them.
 */
function findUnlisted(history: FileHistory, diff: RevisionDiff, head: number): void {
  const { pdf } = history;
  const bytes = pdf.original;
  const cur = diff.cur as RevisionView;
  const group = pdf.chain.groups[head] as (typeof pdf.chain.groups)[number];
  const listed = new Set<number>();
  const extents: [number, number][] = [];
  for (const [num, e] of groupEntries(group)) {
    if (e.kind !== 'offset' || e.offset < diff.start || e.offset >= diff.eof) continue;
    listed.add(skipWhiteAndComments(bytes, e.offset));
    try {
      const { scan } = pdf.store.locate(num, e, cur.entries);
      extents.push([e.offset, scan.end]);
    } catch {
      // reported by readEntries
    }
  }
  // The section itself (a table, or a stream whose data is binary) up to the `%%EOF`.
  const sectionStart = Math.min(group.section.offset, group.hybrid?.offset ?? Infinity);
  extents.push([sectionStart, diff.eof]);
  const text = latin1(bytes, diff.start, diff.eof);
  const header = /(?:^|[\0\t\n\f\r ()<>[\]{}/%])(\d+)[\0\t\n\f\r ]+(\d+)[\0\t\n\f\r ]+obj(?=[\0\t\n\f\r ()<>[\]{}/%]|$)/g;
  for (const m of text.matchAll(header)) {
    const digits = diff.start + (m.index as number) + m[0].indexOf(m[1] as string);
    if (listed.has(digits) || extents.some(([s, e]) => digits > s && digits < e)) continue;
    diff.violations.push(`it holds object ${m[1]} ${m[2]} at offset ${digits}, which its cross-reference section does not list`);
    if (diff.violations.length > 20) return;
  }
}
