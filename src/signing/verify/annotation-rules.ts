// Annotations after signing (ISO 32000-1 §12.5): where each page's annotations are, and what
// even a certification that permits annotations (DocMDP P=3) does not: a form widget (judged as
// a field), or an action (§12.6.4) that runs JavaScript, launches, submits or imports.
import type { PDFContext, PDFDict, PDFDocument } from 'pdf-lib';
import { PDFName } from 'pdf-lib';
import { allPages } from '../pdf/index.ts';
import { dictOf, itemsOf, N, refNum } from './object-compare.ts';

const ACTIONS = new Set(['JavaScript', 'Launch', 'SubmitForm', 'ImportData', 'ResetForm', 'Rendition', 'GoToE', 'GoToR', 'Hide', 'SetOCGState', 'Trans']);

/** Why an annotation may not be added or changed even under P=3, or undefined. */
export function annotationProblem(context: PDFContext, dict: PDFDict): string | undefined {
  if (dict.get(N('Subtype')) === N('Widget')) return 'is a form widget';
  if (dict.has(N('AA'))) return 'carries additional actions (/AA)';
  const action = dictOf(context.lookup(dict.get(N('A'))));
  const s = action?.get(N('S'));
  if (s instanceof PDFName && ACTIONS.has(s.decodeText())) return `carries a ${s.toString()} action`;
  return undefined;
}

export interface PageAnnotations {
  /** Indirect /Annots arrays, with the 1-based number of the page that uses each. */
  arrays: Map<number, number>;
  /** Annotation objects, with their page number. */
  annotations: Map<number, number>;
}

/** Where the annotations of every page of `doc` are (reads the whole page tree). */
export function pageAnnotations(doc: PDFDocument): PageAnnotations {
  const out: PageAnnotations = { arrays: new Map(), annotations: new Map() };
  allPages(doc).forEach((page, i) => {
    const raw = page.node.get(N('Annots'));
    const arr = refNum(raw);
    if (arr !== undefined) out.arrays.set(arr, i + 1);
    for (const item of itemsOf(doc.context, raw)) {
      const n = refNum(item);
      if (n !== undefined) out.annotations.set(n, i + 1);
    }
  });
  return out;
}
