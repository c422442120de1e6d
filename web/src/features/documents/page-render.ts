// Drawing one page: a canvas at the screen's pixel density (capped, so a deep zoom on a tablet
// does not ask for a canvas the browser refuses) and, over it, pdf.js's text layer — selectable
// text, and what tests and screen readers read. A newer draw cancels the one in progress.
import { TextLayer, type PDFPageProxy } from 'pdfjs-dist';
import { h } from '../../base/ui/index.ts';
import { CSS_PX_PER_POINT } from './zoom.ts';

/** iPadOS Safari refuses canvases above about 16.7 million pixels; stay under with a margin. */
const MAX_CANVAS_PIXELS = 16_000_000;

export interface RenderedPage {
  /** The page's box (canvas and text layer), sized in CSS pixels. */
  readonly element: HTMLElement;
  readonly width: number;
  readonly height: number;
}

export interface PageRenderOptions {
  /** 1 = true size. */
  readonly scale: number;
  /** Draw the text layer (the main view does, thumbnails do not). */
  readonly text: boolean;
  readonly signal?: AbortSignal;
  /** The page's label for assistive technology. */
  readonly label?: string;
}

export async function renderPage(page: PDFPageProxy, options: PageRenderOptions): Promise<RenderedPage> {
  const viewport = page.getViewport({ scale: options.scale * CSS_PX_PER_POINT });
  const density = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height)));
  const canvas = h('canvas', { class: 'pdf-page__canvas', attrs: { 'aria-hidden': 'true' } });
  canvas.width = Math.max(1, Math.floor(viewport.width * density));
  canvas.height = Math.max(1, Math.floor(viewport.height * density));
  canvas.style.width = `${viewport.width}px`;
  canvas.style.height = `${viewport.height}px`;
  const box = h('div', { class: 'pdf-page', attrs: options.label ? { role: 'img', 'aria-label': options.label } : {} }, canvas);
  box.style.width = `${viewport.width}px`;
  box.style.height = `${viewport.height}px`;
  // pdf.js's text layer sizes itself from these (its pdf_viewer.css sets them on .pdfViewer).
  box.style.setProperty('--scale-factor', String(viewport.scale));
  box.style.setProperty('--user-unit', String(page.userUnit));
  box.style.setProperty('--total-scale-factor', String(viewport.scale * page.userUnit));

  const task = page.render({ canvas, viewport, transform: density === 1 ? undefined : [density, 0, 0, density, 0, 0] });
  const abort = () => task.cancel();
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    await task.promise;
    if (options.text) {
      const layer = h('div', { class: 'textLayer' });
      box.append(layer);
      const text = new TextLayer({ textContentSource: page.streamTextContent(), container: layer, viewport });
      options.signal?.addEventListener('abort', () => text.cancel(), { once: true });
      await text.render();
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  return { element: box, width: viewport.width, height: viewport.height };
}
