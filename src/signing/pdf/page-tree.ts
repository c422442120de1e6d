// Finding one page without reading them all (ISO 32000-1 §7.7.3.2). pdf-lib's getPages() parses
// every page dictionary; with objects loaded on demand (lazy-objects.ts) an invisible signature
// on page 1 of a 200-page file then needs one page, not 200. The walk is pdf-lib's own order
// (PDFPageTree.traverse: /Kids depth-first), so index N is the page getPages()[N] would give.
import { PDFPage, PDFPageLeaf, PDFPageTree, type PDFDocument, type PDFRef } from 'pdf-lib';

const MAX_DEPTH = 64;

type PageMap = { pageMap: Map<PDFPageLeaf, PDFPage> };

/** The page at 0-based `index`, or undefined when the tree has fewer pages. */
export function pageAt(doc: PDFDocument, index: number): PDFPage | undefined {
  if (!Number.isInteger(index) || index < 0) return undefined;
  let seen = 0;
  const visited = new Set<PDFPageTree>();
  const walk = (node: PDFPageTree, depth: number): PDFPage | undefined => {
    if (depth > MAX_DEPTH || visited.has(node)) return undefined; // a damaged, cyclic tree
    visited.add(node);
    const kids = node.Kids();
    for (let i = 0; i < kids.size(); i++) {
      const ref = kids.get(i) as PDFRef;
      const kid = doc.context.lookup(ref);
      if (kid instanceof PDFPageTree) {
        const found = walk(kid, depth + 1);
        if (found) return found;
      } else if (kid instanceof PDFPageLeaf && seen++ === index) {
        return pageFor(doc, kid, ref);
      }
    }
    return undefined;
  };
  return walk(doc.catalog.Pages(), 0);
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
