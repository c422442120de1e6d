// Naming an object in messages by where the signed revision used it: "object 5 (page 1
// /Contents)", "object 7 (/Font of page 1 /Resources)", found by walking referrers upwards.
import { PDFRef, type PDFObject } from 'pdf-lib';
import { pageIndexOf, type RevisionView } from '../pdf/index.ts';
import { refNum } from './object-compare.ts';
import type { FileHistory } from './revision-history.ts';

/** The 1-based number of the page whose dictionary is object `num` in `view`, or "object N". */
export function pageNumber(view: RevisionView, num: number): string {
  const e = view.entries.get(num);
  const i = pageIndexOf(view.doc, PDFRef.of(num, e?.kind === 'offset' ? e.gen : 0));
  return i >= 0 ? String(i + 1) : `object ${num}`;
}

/** "object 5 (page 1 /Contents)", or "object 5" when no use is found. */
export function describeObject(history: FileHistory, view: RevisionView, num: number): string {
  const where = usedWhere(history, view, num, 0);
  return where ? `object ${num} (${where})` : `object ${num}`;
}

function usedWhere(history: FileHistory, view: RevisionView, num: number, depth: number): string | undefined {
  if (num === view.root.objectNumber) return 'the catalog';
  if (num === refNum(view.doc.context.trailerInfo.Info as PDFObject | undefined)) return 'the document information dictionary';
  const by = history.refIndex(view).referrers.get(num)?.[0];
  if (!by || depth > 6) return undefined;
  if (by.from === view.root.objectNumber) return `the catalog's /${by.key}`;
  if (history.scan(view, by.from)?.type === 'Page') return `page ${pageNumber(view, by.from)} /${by.key}`;
  const up = usedWhere(history, view, by.from, depth + 1);
  return up ? `/${by.key} of ${up}` : undefined;
}
