// How many pages a PDF has, by walking its page tree (ISO 32000-1 §7.7.3.2) rather than trusting
// the root's /Count, which a producer may get wrong: what a viewer shows is the leaves. Same walk
// and order as pageAt (page-tree.ts), but a damaged tree is refused here instead of skipped,
// because a page count recorded for a document must be the one every reader agrees on.
import { PDFPageLeaf, PDFPageTree, type PDFDocument, type PDFRef } from 'pdf-lib';
import { SigningError } from '../errors.ts';

const MAX_DEPTH = 64;

/** The number of page leaves; throws SigningError('pdf.malformed') for a cyclic or too deep tree. */
export function countPages(doc: PDFDocument): number {
  let count = 0;
  const onPath = new Set<PDFPageTree>();
  const walk = (node: PDFPageTree, depth: number): void => {
    if (depth > MAX_DEPTH) throw new SigningError('pdf.malformed', `The PDF's page tree is nested more than ${MAX_DEPTH} levels deep.`);
    if (onPath.has(node)) throw new SigningError('pdf.malformed', "The PDF's page tree contains a loop.");
    onPath.add(node);
    const kids = node.Kids();
    for (let i = 0; i < kids.size(); i++) {
      const kid = doc.context.lookup(kids.get(i) as PDFRef);
      if (kid instanceof PDFPageTree) walk(kid, depth + 1);
      else if (kid instanceof PDFPageLeaf) count++;
    }
    onPath.delete(node);
  };
  try {
    walk(doc.catalog.Pages(), 0);
  } catch (err) {
    if (err instanceof SigningError) throw err;
    throw new SigningError('pdf.malformed', `The PDF's page tree is damaged (${(err as Error)?.message}).`, { cause: err });
  }
  return count;
}
