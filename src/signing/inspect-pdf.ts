// The check a document store makes before keeping a PDF: the engine's own strict reader opens
// it exactly as signing would (so a stored document can later be signed), and the page tree
// gives the page count. Nothing is written.
import { readFile } from 'node:fs/promises';
import { SigningError } from './errors.ts';
import { countPages, openPdf } from './pdf/index.ts';

export interface PdfFacts {
  /** Pages as a viewer shows them (leaves of the page tree). */
  pages: number;
  /** The header's version, e.g. "1.7". */
  version: string;
}

/** Reads `bytes` with the signing engine's reader; throws only SigningError ('pdf.malformed', 'pdf.encrypted'). */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const pdf = await openPdf(bytes);
  const pages = countPages(pdf.doc);
  if (pages === 0) throw new SigningError('pdf.malformed', 'The PDF has no pages.');
  return { pages, version: pdf.frame.version };
}

/** inspectPdf of a file on disk (the signing pool's workers read it themselves). */
export async function inspectPdfFile(path: string): Promise<PdfFacts> {
  return inspectPdf(new Uint8Array(await readFile(path)));
}
