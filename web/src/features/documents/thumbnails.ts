// The page thumbnails beside (or, on a portrait tablet, over) the page: one button per page,
// drawn small when scrolled into view, one at a time so a 200-page report does not stall the
// tablet; the current page is marked and kept in view.
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { PDFDocumentProxy } from './pdf-engine.ts';
import { renderPage } from './page-render.ts';
import { CSS_PX_PER_POINT } from './zoom.ts';

const THUMB_WIDTH_PX = 112;

export class Thumbnails {
  readonly element: HTMLElement;
  readonly #i18n: I18n;
  readonly #select: (page: number) => void;
  #buttons: HTMLButtonElement[] = [];
  #observer: IntersectionObserver | null = null;
  #queue: Promise<void> = Promise.resolve();
  #abort = new AbortController();

  constructor(options: { i18n: I18n; select: (page: number) => void }) {
    this.#i18n = options.i18n;
    this.#select = options.select;
    this.element = h('ol', { class: 'viewer-thumbs', testid: 'viewer-thumbnails', attrs: { 'aria-label': options.i18n.t('documents.viewer.thumbnails') } });
  }

  async show(pdf: PDFDocumentProxy): Promise<void> {
    this.clear();
    const first = await pdf.getPage(1);
    const base = first.getViewport({ scale: CSS_PX_PER_POINT });
    const aspect = base.height / base.width;
    const signal = this.#abort.signal;
    this.#observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          this.#observer?.unobserve(entry.target);
          const button = entry.target as HTMLButtonElement;
          this.#queue = this.#queue.then(() => this.#draw(pdf, button, signal)).catch(() => undefined);
        }
      },
      { root: this.element, rootMargin: '200px 0px' },
    );
    this.#buttons = Array.from({ length: pdf.numPages }, (_, i) => {
      const n = i + 1;
      const frame = h('span', { class: 'viewer-thumb__frame' });
      frame.style.height = `${Math.round(THUMB_WIDTH_PX * aspect)}px`;
      return h(
        'button',
        {
          class: 'viewer-thumb',
          testid: 'viewer-thumbnail',
          attrs: { type: 'button', 'data-page': n, 'aria-label': this.#i18n.t('documents.viewer.pageN', { page: n }) },
          on: { click: () => this.#select(n) },
        },
        frame,
        h('span', { class: 'viewer-thumb__number', attrs: { 'aria-hidden': 'true' } }, String(n)),
      );
    });
    this.element.replaceChildren(...this.#buttons.map((b) => h('li', null, b)));
    for (const b of this.#buttons) this.#observer.observe(b);
  }

  setCurrent(page: number): void {
    for (const [i, b] of this.#buttons.entries()) {
      if (i + 1 === page) {
        b.setAttribute('aria-current', 'page');
        if (!this.element.hidden) b.scrollIntoView({ block: 'nearest' });
      } else b.removeAttribute('aria-current');
    }
  }

  clear(): void {
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#observer?.disconnect();
    this.#observer = null;
    this.#buttons = [];
    this.element.replaceChildren();
  }

  async #draw(pdf: PDFDocumentProxy, button: HTMLButtonElement, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const page = await pdf.getPage(Number(button.dataset.page));
    const scale = THUMB_WIDTH_PX / page.getViewport({ scale: CSS_PX_PER_POINT }).width;
    const drawn = await renderPage(page, { scale, text: false, signal });
    if (signal.aborted) return;
    const frame = button.querySelector('.viewer-thumb__frame');
    if (!(frame instanceof HTMLElement)) return;
    frame.style.height = '';
    frame.replaceChildren(drawn.element);
    button.dataset.drawn = 'true';
  }
}
