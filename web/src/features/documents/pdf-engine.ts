// pdf.js as the viewer uses it: its worker from this origin (bundled by Vite, precached by the
// service worker), CMaps and standard fonts from /pdfjs/ (web/build/pdfjs-assets.ts) — a PDF
// that names a font without embedding it (ISO 32000-1 §9.6.2.2 standard 14 fonts, or a CJK
// CID font with a predefined CMap, §9.7.5.2) still shows its text, Vietnamese diacritics
// included, with nothing fetched from another site.
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { PDFJS_ASSETS_PATH } from './pdfjs-paths.ts';

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';

/** Opens a document from its bytes (pdf.js takes them over: pass a copy you do not need). */
export function openPdf(data: Uint8Array): { promise: Promise<PDFDocumentProxy>; cancel(): void } {
  const task = getDocument({
    data,
    cMapUrl: `${PDFJS_ASSETS_PATH}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${PDFJS_ASSETS_PATH}standard_fonts/`,
    wasmUrl: `${PDFJS_ASSETS_PATH}wasm/`,
    iccUrl: `${PDFJS_ASSETS_PATH}iccs/`,
    // Agenda documents are read, not filled in or scripted.
    enableXfa: false,
  });
  return { promise: task.promise, cancel: () => void task.destroy() };
}
