// Which revision wrote what (ISO 32000-1 §7.5.6). A revision ends at a `%%EOF` that closes a
// `startxref`; the section that `startxref` names, and every section its /Prev chain reaches
// that no earlier revision already reached, were written by that revision. Going by the chain
// rather than by byte offsets keeps a linearized original (whose newest section sits near the
// start of the file, Annex F) a single revision.
import { revisionMarkers, type RevisionMarker } from './file-structure.ts';
import type { IncrementalPdf } from './incremental-pdf.ts';
import { groupEntries } from './xref-read.ts';

export interface RevisionMap {
  markers: RevisionMarker[];
  /** For each marker, the index in chain.groups (0 = newest) its `startxref` designates, or -1. */
  heads: number[];
  /** The revision (marker index) that wrote chain.groups[group], or -1. */
  groupRevision(group: number): number;
  /** The revision that wrote the current version of object `num`, or -1. */
  objectRevision(num: number): number;
  /** The chain group holding the current in-use entry of `num`, or -1. */
  objectGroup(num: number): number;
}

export function revisionMap(pdf: IncrementalPdf): RevisionMap {
  const { groups, base } = pdf.chain;
  const markers = revisionMarkers(pdf.original);
  const byOffset = new Map(groups.map((g, i) => [g.section.offset, i]));
  const heads = markers.map((m) => byOffset.get(m.startxref + base) ?? -1);
  // The earliest revision whose head reaches a group (heads further down the chain are older).
  const owner = new Array<number>(groups.length).fill(-1);
  for (let r = 0; r < markers.length; r++) {
    const head = heads[r] as number;
    if (head < 0) continue;
    for (let g = head; g < groups.length && owner[g] === -1; g++) owner[g] = r;
  }
  const groupOf = new Map<number, number>();
  const objectGroup = (num: number): number => {
    let g = groupOf.get(num);
    if (g === undefined) {
      g = groups.findIndex((group) => {
        const e = groupEntries(group).get(num);
        return e !== undefined && e.kind !== 'free';
      });
      groupOf.set(num, g);
    }
    return g;
  };
  return {
    markers,
    heads,
    groupRevision: (group) => owner[group] ?? -1,
    objectRevision: (num) => {
      const g = objectGroup(num);
      return g < 0 ? -1 : (owner[g] ?? -1);
    },
    objectGroup,
  };
}
