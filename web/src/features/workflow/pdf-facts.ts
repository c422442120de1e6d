// What placement needs of the PDF itself: each page's size as seen and its text lines, read
// with pdf.js (the viewer's engine) from the same bytes the viewer shows.
import { openPdf, type PDFDocumentProxy } from '../documents/pdf-engine.ts';
import type { PageSize, TextLine } from './placement.ts';

export class PdfFacts {
  readonly #pdf: PDFDocumentProxy;

  private constructor(pdf: PDFDocumentProxy) {
    this.#pdf = pdf;
  }

  /** Opens a copy of `bytes` (pdf.js takes over the buffer it is given). */
  static async open(bytes: Uint8Array): Promise<PdfFacts> {
    return new PdfFacts(await openPdf(bytes.slice()).promise);
  }

  get pageCount(): number {
    return this.#pdf.numPages;
  }

  /** Points, after /Rotate: pdf.js's viewport at scale 1 is the page as seen. */
  async pageSize(page: number): Promise<PageSize> {
    const viewport = (await this.#pdf.getPage(page)).getViewport({ scale: 1 });
    return { width: viewport.width, height: viewport.height };
  }

  /** The page's text items as seen, points from the bottom-left (see placement.ts). */
  async textItems(page: number): Promise<TextLine[]> {
    const proxy = await this.#pdf.getPage(page);
    const viewport = proxy.getViewport({ scale: 1 });
    const content = await proxy.getTextContent();
    const items: TextLine[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [vx, vy] = viewport.convertToViewportPoint(item.transform[4] as number, item.transform[5] as number) as [number, number];
      items.push({ text: item.str, x: vx, y: viewport.height - vy, w: item.width, h: item.height });
    }
    return items;
  }

  close(): void {
    void this.#pdf.loadingTask.destroy();
  }
}
