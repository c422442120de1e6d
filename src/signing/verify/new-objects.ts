// The objects a revision added, and which of them a rule has explained. A new object is
// explained when it hangs below something a rule allowed (a signature field, the DSS, a filled
// field's appearance), following new objects only: an existing object reached on the way is
// signed content, unchanged, and explains nothing below it.
import { PDFArray, PDFDict, PDFRef, type PDFObject } from 'pdf-lib';
import { maxLevel, type ChangeLevel } from './change-levels.ts';

export class NewObjects {
  private readonly added: ReadonlySet<number>;
  private readonly refsOf: (num: number) => readonly number[];
  /** Explained new objects, with the level of the rule that explained them. */
  readonly explained = new Map<number, ChangeLevel>();
  /** New objects a violation already names, so one cause gives one line. */
  readonly reported = new Set<number>();

  constructor(added: ReadonlySet<number>, refsOf: (num: number) => readonly number[]) {
    this.added = added;
    this.refsOf = refsOf;
  }

  /** Marks one new object explained, without vouching for what it refers to. */
  explainOne(num: number, level: ChangeLevel): void {
    if (this.added.has(num)) this.explained.set(num, maxLevel(this.explained.get(num) ?? 'inert', level));
  }

  /** Marks `num` and every new object below it explained at `level`. */
  explain(num: number, level: ChangeLevel): void {
    for (const n of this.below(num)) this.explainOne(n, level);
  }

  /** Explains the new objects `value` refers to (a dictionary or array value, or a reference). */
  explainRefsIn(value: PDFObject | undefined, level: ChangeLevel): void {
    for (const n of refsIn(value)) this.explain(n, level);
  }

  /** New objects below `value` belong to a change already reported. */
  reportBelow(value: PDFObject | undefined): void {
    for (const r of refsIn(value)) for (const n of this.below(r)) this.reported.add(n);
  }

  /** `num` and the new objects reachable from it through new objects. */
  private below(num: number): number[] {
    const out: number[] = [];
    const seen = new Set<number>();
    const stack = [num];
    while (stack.length > 0) {
      const n = stack.pop() as number;
      if (!this.added.has(n) || seen.has(n)) continue;
      seen.add(n);
      out.push(n);
      stack.push(...this.refsOf(n));
    }
    return out;
  }

  /** New objects reachable from `roots` through new objects: those some reader can reach. */
  attached(roots: Iterable<number>): Set<number> {
    const out = new Set<number>();
    for (const r of roots) for (const n of this.below(r)) out.add(n);
    return out;
  }
}

/** Object numbers a direct value refers to. */
export function refsIn(value: PDFObject | undefined): number[] {
  const out: number[] = [];
  const stack: (PDFObject | undefined)[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v instanceof PDFRef) out.push(v.objectNumber);
    else if (v instanceof PDFDict) for (const [, x] of v.entries()) stack.push(x);
    else if (v instanceof PDFArray) stack.push(...v.asArray());
  }
  return out;
}
