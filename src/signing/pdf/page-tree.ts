// Finding pages without pdf-lib's getPages() (ISO 32000-1 §7.7.3.2). getPages() parses every
// page dictionary and recurses through /Kids without guarding against loops; with objects loaded
// on demand (lazy-objects.ts) an invisible signature on page 1 of a 200-page file needs one page,
// not 200. The walk is pdf-lib's own order (PDFPageTree.traverse: /Kids depth-first), so index
// N is the page getPages()[N] would give; it follows indirect kids only (Table 29: /Kids holds
// indirect references), never a node twice, never deeper than the limit.
import { PDFPage, PDFPageLeaf, PDFPageTree, PDFRef, type PDFDocument } from 'pdf-lib';
import { lazyObjectsOf } from './lazy-objects.ts';
import { LIMITS } from './limits.ts';

type PageMap = { pageMap: Map<PDFPageLeaf, PDFPage> };

/** Visits the page at `index`: `page()` parses it. Returns true to stop. */
type Visit = (index: number, page: () => PDFPage | undefined) => boolean;

/**
 * Calls `visit` for each page in order until it returns true; returns the number of pages visited.
 * A kid not parsed yet whose scan says /Type /Page (pdf-lib makes exactly those dictionaries
 * PDFPageLeaf) is counted without parsing it: reaching page 200 of a flat 200-page tree used
 * to parse 199 page dictionaries, a quarter of a visible signature's cost (BENCHMARKS.md, batch
 * signing). If the parse later disagrees with the scan (a damaged file), `page()` gives undefined.
 */
function walkPages(doc: PDFDocument, visit: Visit): number {
  const lazy = lazyObjectsOf(doc.context);
  let seen = 0;
  const visited = new Set<PDFPageTree | PDFPageLeaf>();
  const visitedRefs = new Set<PDFRef>();
  const stack: [PDFPageTree, number, number][] = [[doc.catalog.Pages(), 0, 0]];
  visited.add(stack[0]?.[0] as PDFPageTree);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as [PDFPageTree, number, number];
    const [node, next, depth] = top;
    const kids = node.Kids();
    if (next >= kids.size()) {
      stack.pop();
      continue;
    }
    top[1] = next + 1;
    const ref = kids.get(next);
    if (!(ref instanceof PDFRef) || visitedRefs.has(ref)) continue;
    if (lazy?.pendingType(ref) === 'Page') {
      visitedRefs.add(ref);
      if (visit(seen++, () => leafPage(doc, ref, visited))) return seen;
      continue;
    }
    const kid = doc.context.lookup(ref);
    if (!(kid instanceof PDFPageTree || kid instanceof PDFPageLeaf) || visited.has(kid)) continue; // a damaged tree
    visited.add(kid);
    visitedRefs.add(ref);
    if (kid instanceof PDFPageTree) {
      if (depth < LIMITS.pageTreeDepth) stack.push([kid, 0, depth + 1]);
    } else if (visit(seen++, () => pageFor(doc, kid, ref))) return seen;
  }
  return seen;
}

/** Parses a page the walk counted from its scan; undefined when pdf-lib does not see a page there. */
function leafPage(doc: PDFDocument, ref: PDFRef, visited: Set<PDFPageTree | PDFPageLeaf>): PDFPage | undefined {
  const leaf = doc.context.lookup(ref);
  if (!(leaf instanceof PDFPageLeaf)) return undefined;
  visited.add(leaf);
  return pageFor(doc, leaf, ref);
}

/** The page at 0-based `index`, or undefined when the tree has fewer pages. */
export function pageAt(doc: PDFDocument, index: number): PDFPage | undefined {
  if (!Number.isInteger(index) || index < 0) return undefined;
  let found: PDFPage | undefined;
  walkPages(doc, (i, page) => {
    if (i !== index) return false;
    found = page();
    return true;
  });
  return found;
}

/** The number of pages (walks the whole page tree, parsing only its inner nodes). */
export function pageCount(doc: PDFDocument): number {
  return walkPages(doc, () => false);
}

/** Every page, in order (reads the whole page tree). */
export function allPages(doc: PDFDocument): PDFPage[] {
  const pages: PDFPage[] = [];
  walkPages(doc, (_i, page) => {
    const p = page();
    if (p) pages.push(p);
    return false;
  });
  return pages;
}

/** The 0-based index of the page whose dictionary is `ref`, reading pages only up to it; -1 if none. */
export function pageIndexOf(doc: PDFDocument, ref: PDFRef): number {
  let found = -1;
  walkPages(doc, (i, page) => {
    if (page()?.ref === ref) found = i;
    return found >= 0;
  });
  return found;
}

/** The PDFPage pdf-lib itself would hand out for `leaf` (its private page map), so identities agree. */
function pageFor(doc: PDFDocument, leaf: PDFPageLeaf, ref: PDFRef): PDFPage {
  const map = (doc as unknown as PageMap).pageMap;
  let page = map.get(leaf);
  if (!page) {
    page = PDFPage.of(leaf, ref, doc);
    map.set(leaf, page);
  }
  return page;
}
