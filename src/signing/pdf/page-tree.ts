// Finding pages without pdf-lib's getPages() (ISO 32000-1 §7.7.3.2). getPages() parses every
// page dictionary and recurses through /Kids without guarding against loops; with objects loaded
// on demand (lazy-objects.ts) an invisible signature on page 1 of a 200-page file needs one page,
// not 200. The walk is pdf-lib's own order (PDFPageTree.traverse: /Kids depth-first), so index
// N is the page getPages()[N] would give; it follows indirect kids only (Table 29: /Kids holds
// indirect references), never a node twice, never deeper than the limit.
import { PDFPage, PDFPageLeaf, PDFPageTree, PDFRef, type PDFDocument } from 'pdf-lib';
import { LIMITS } from './limits.ts';

type PageMap = { pageMap: Map<PDFPageLeaf, PDFPage> };

/** Calls `visit` for each page in order until it returns true; returns the number of pages visited. */
function walkPages(doc: PDFDocument, visit: (page: PDFPage, index: number) => boolean): number {
  let seen = 0;
  const visited = new Set<PDFPageTree | PDFPageLeaf>();
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
    if (!(ref instanceof PDFRef)) continue;
    const kid = doc.context.lookup(ref);
    if (!(kid instanceof PDFPageTree || kid instanceof PDFPageLeaf) || visited.has(kid)) continue; // a damaged tree
    visited.add(kid);
    if (kid instanceof PDFPageTree) {
      if (depth < LIMITS.pageTreeDepth) stack.push([kid, 0, depth + 1]);
    } else if (visit(pageFor(doc, kid, ref), seen++)) return seen;
  }
  return seen;
}

/** The page at 0-based `index`, or undefined when the tree has fewer pages. */
export function pageAt(doc: PDFDocument, index: number): PDFPage | undefined {
  if (!Number.isInteger(index) || index < 0) return undefined;
  let found: PDFPage | undefined;
  walkPages(doc, (page, i) => {
    if (i === index) found = page;
    return found !== undefined;
  });
  return found;
}

/** The number of pages (reads the whole page tree). */
export function pageCount(doc: PDFDocument): number {
  return walkPages(doc, () => false);
}

/** Every page, in order (reads the whole page tree). */
export function allPages(doc: PDFDocument): PDFPage[] {
  const pages: PDFPage[] = [];
  walkPages(doc, (page) => {
    pages.push(page);
    return false;
  });
  return pages;
}

/** The 0-based index of the page whose dictionary is `ref`, reading pages only up to it; -1 if none. */
export function pageIndexOf(doc: PDFDocument, ref: PDFRef): number {
  let found = -1;
  walkPages(doc, (page, i) => {
    if (page.ref === ref) found = i;
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
