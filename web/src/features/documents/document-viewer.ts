// The document viewer: one page at a time, drawn by pdf.js, with page thumbnails, navigation
// (buttons, the page number, arrow keys, a swipe) and zoom (fit width, fit page, +/−, pinch,
// ctrl+wheel). It reports every move with who made it — the reader (`user`) or the program
// following the presenter (`remote`) — so following can stop when the reader browses away.
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { watchGestures } from './gestures.ts';
import { openPdf, type PDFDocumentProxy } from './pdf-engine.ts';
import { renderPage } from './page-render.ts';
import { Thumbnails } from './thumbnails.ts';
import { viewerIcon, type ViewerIcon } from './viewer-icons.ts';
import './viewer.css';
import { clampScale, CSS_PX_PER_POINT, percent, resolveZoom, stepScale, type Zoom } from './zoom.ts';

export type MoveSource = 'user' | 'remote';

export interface ViewerDocument {
  readonly id: string;
  readonly version: number;
  readonly title: string;
}

export interface ViewerPosition {
  readonly documentId: string;
  readonly version: number;
  readonly page: number;
}

type Tool = 'previous' | 'next' | 'zoomIn' | 'zoomOut' | 'fitWidth' | 'fitPage' | 'thumbs';

/** Room around the page inside the stage (CSS pixels), on each side. */
const STAGE_PADDING_PX = 12;
/** Wide enough for the thumbnails beside the page rather than over it. */
const THUMBS_BESIDE_MIN_PX = 900;

export class DocumentViewer {
  readonly element: HTMLElement;
  readonly #i18n: I18n;
  readonly #stage: HTMLElement;
  readonly #holder: HTMLElement;
  readonly #pageInput: HTMLInputElement;
  readonly #pageCount: HTMLElement;
  readonly #zoomLabel: HTMLElement;
  readonly #buttons: Record<Tool, HTMLButtonElement>;
  readonly #thumbs: Thumbnails;
  readonly #listeners = new Set<(position: ViewerPosition, source: MoveSource) => void>();
  readonly #stops: Array<() => void> = [];
  #pdf: PDFDocumentProxy | null = null;
  #doc: ViewerDocument | null = null;
  #page = 1;
  #zoom: Zoom = { mode: 'fit-width', scale: 1 };
  /** Bumped by each document shown: a slower earlier load does not overwrite a later one. */
  #generation = 0;
  #drawing: AbortController | null = null;
  #wheel: { ratio: number; timer: number } | null = null;
  #lastBox = { width: 0, height: 0 };

  constructor(options: { i18n: I18n }) {
    const { i18n } = options;
    this.#i18n = i18n;
    const button = (name: Tool, iconName: ViewerIcon, label: string, run: () => void): HTMLButtonElement =>
      h('button', { class: 'viewer-tool', testid: `viewer-${name}`, attrs: { type: 'button', title: label, 'aria-label': label }, on: { click: run } }, viewerIcon(iconName));
    this.#buttons = {
      thumbs: button('thumbs', 'thumbnails', i18n.t('documents.viewer.thumbnails'), () => this.#toggleThumbs()),
      previous: button('previous', 'previous', i18n.t('documents.viewer.previous'), () => this.goTo(this.#page - 1, 'user')),
      next: button('next', 'next', i18n.t('documents.viewer.next'), () => this.goTo(this.#page + 1, 'user')),
      zoomOut: button('zoomOut', 'zoomOut', i18n.t('documents.viewer.zoomOut'), () => this.#setZoom({ mode: 'custom', scale: stepScale(this.#zoom.scale, -1) })),
      zoomIn: button('zoomIn', 'zoomIn', i18n.t('documents.viewer.zoomIn'), () => this.#setZoom({ mode: 'custom', scale: stepScale(this.#zoom.scale, 1) })),
      fitWidth: button('fitWidth', 'fitWidth', i18n.t('documents.viewer.fitWidth'), () => this.#setZoom({ mode: 'fit-width', scale: this.#zoom.scale })),
      fitPage: button('fitPage', 'fitPage', i18n.t('documents.viewer.fitPage'), () => this.#setZoom({ mode: 'fit-page', scale: this.#zoom.scale })),
    };
    this.#buttons.thumbs.setAttribute('aria-expanded', 'false');
    this.#pageInput = h('input', {
      class: 'viewer-page-input',
      testid: 'viewer-page-input',
      attrs: { type: 'number', min: 1, inputmode: 'numeric', 'aria-label': i18n.t('documents.viewer.pageNumber') },
      on: {
        change: () => this.goTo(Number(this.#pageInput.value), 'user'),
        keydown: (e) => {
          if (e.key === 'Enter') this.goTo(Number(this.#pageInput.value), 'user');
        },
      },
    });
    this.#pageCount = h('span', { class: 'viewer-page-count', testid: 'viewer-page-count' });
    this.#zoomLabel = h('span', { class: 'viewer-zoom-level', testid: 'viewer-zoom-level', attrs: { 'aria-live': 'polite' } });
    this.#thumbs = new Thumbnails({
      i18n,
      select: (page) => {
        this.goTo(page, 'user');
        if (!this.#thumbsBeside()) this.#toggleThumbs(false);
      },
    });
    this.#thumbs.element.hidden = true;
    this.#holder = h('div', { class: 'viewer-page-holder' });
    this.#stage = h('div', { class: 'viewer-stage', testid: 'viewer-stage', attrs: { tabindex: 0, 'aria-label': i18n.t('documents.viewer.stage') } }, this.#holder);
    const b = this.#buttons;
    this.element = h(
      'section',
      { class: 'viewer', testid: 'viewer', attrs: { 'aria-label': i18n.t('documents.viewer.label') } },
      h(
        'div',
        { class: 'viewer-toolbar', attrs: { role: 'toolbar', 'aria-label': i18n.t('documents.viewer.toolbar') } },
        h('div', { class: 'viewer-toolbar__group' }, b.thumbs, b.previous, h('span', { class: 'viewer-page-nav' }, this.#pageInput, this.#pageCount), b.next),
        h('div', { class: 'viewer-toolbar__group' }, b.zoomOut, this.#zoomLabel, b.zoomIn, b.fitWidth, b.fitPage),
      ),
      h('div', { class: 'viewer-body' }, this.#thumbs.element, this.#stage),
    );
    this.#wire();
    this.#updateControls();
  }

  /** Where the reader is, or null before a document is shown. */
  get position(): ViewerPosition | null {
    return this.#doc ? { documentId: this.#doc.id, version: this.#doc.version, page: this.#page } : null;
  }

  /** Each move (document or page) until the returned function is called. */
  onMove(listener: (position: ViewerPosition, source: MoveSource) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Shows `doc` from its bytes at `page` (the same version already shown: only the page moves). */
  async show(doc: ViewerDocument, load: () => Promise<Uint8Array>, page: number, source: MoveSource): Promise<void> {
    if (this.#doc && this.#doc.id === doc.id && this.#doc.version === doc.version && this.#pdf) {
      this.goTo(page, source);
      return;
    }
    const generation = ++this.#generation;
    this.#drawing?.abort();
    const previous = this.#pdf;
    this.#pdf = null;
    this.#doc = doc;
    this.#page = Math.max(1, page);
    this.element.dataset.documentId = doc.id;
    this.element.dataset.version = String(doc.version);
    delete this.element.dataset.renderedPage;
    this.#holder.replaceChildren(h('p', { class: 'viewer-message', attrs: { role: 'status' } }, this.#i18n.t('documents.viewer.loading')));
    this.#thumbs.clear();
    this.#updateControls();
    this.#emit(source);
    void previous?.loadingTask.destroy();
    try {
      const bytes = await load();
      if (generation !== this.#generation) return;
      const pdf = await openPdf(bytes).promise;
      if (generation !== this.#generation) {
        void pdf.loadingTask.destroy();
        return;
      }
      this.#pdf = pdf;
      this.#page = Math.min(this.#page, pdf.numPages);
      this.#updateControls();
      void this.#thumbs.show(pdf).then(() => this.#thumbs.setCurrent(this.#page));
      await this.#draw();
    } catch (err) {
      if (generation !== this.#generation) return;
      this.showMessage(this.#i18n.t('documents.viewer.failed'));
      throw err;
    }
  }

  /** A message instead of a page (the document is not on this tablet and the network is gone). */
  showMessage(text: string): void {
    this.#holder.replaceChildren(h('p', { class: 'viewer-message', testid: 'viewer-message', attrs: { role: 'status' } }, text));
  }

  goTo(page: number, source: MoveSource): void {
    if (!Number.isFinite(page)) return this.#updateControls();
    const last = this.#pdf?.numPages ?? Number.MAX_SAFE_INTEGER;
    const target = Math.min(Math.max(1, Math.round(page)), last);
    if (target === this.#page && this.element.dataset.renderedPage === String(target)) return this.#updateControls();
    this.#page = target;
    this.#updateControls();
    this.#emit(source);
    if (this.#pdf) void this.#draw();
  }

  destroy(): void {
    ++this.#generation;
    this.#drawing?.abort();
    for (const stop of this.#stops) stop();
    this.#thumbs.clear();
    void this.#pdf?.loadingTask.destroy();
    this.#pdf = null;
    this.#listeners.clear();
  }

  #emit(source: MoveSource): void {
    const position = this.position;
    if (!position) return;
    for (const listener of [...this.#listeners]) listener(position, source);
  }

  #setZoom(zoom: Zoom): void {
    this.#zoom = { mode: zoom.mode, scale: clampScale(zoom.scale) };
    if (this.#pdf) void this.#draw();
    this.#updateControls();
  }

  #box(): { width: number; height: number } {
    return {
      width: Math.max(100, this.#stage.clientWidth - 2 * STAGE_PADDING_PX),
      height: Math.max(100, this.#stage.clientHeight - 2 * STAGE_PADDING_PX),
    };
  }

  async #draw(): Promise<void> {
    const pdf = this.#pdf;
    if (!pdf) return;
    this.#drawing?.abort();
    const drawing = new AbortController();
    this.#drawing = drawing;
    const n = this.#page;
    try {
      const page = await pdf.getPage(n);
      if (drawing.signal.aborted) return;
      const base = page.getViewport({ scale: CSS_PX_PER_POINT });
      this.#lastBox = this.#box();
      this.#zoom = resolveZoom(this.#zoom, base, this.#lastBox);
      this.#updateControls();
      const drawn = await renderPage(page, {
        scale: this.#zoom.scale,
        text: true,
        signal: drawing.signal,
        label: this.#i18n.t('documents.viewer.pageOf', { page: n, pages: pdf.numPages }),
      });
      if (drawing.signal.aborted) return;
      drawn.element.dataset.testid = 'viewer-page';
      drawn.element.dataset.page = String(n);
      this.#holder.style.transform = '';
      this.#holder.replaceChildren(drawn.element);
      this.#stage.classList.toggle('viewer-stage--fits', drawn.width <= this.#stage.clientWidth);
      this.element.dataset.renderedPage = String(n);
      this.#thumbs.setCurrent(n);
    } catch (err) {
      if (drawing.signal.aborted || (err instanceof Error && err.name === 'RenderingCancelledException')) return;
      throw err;
    }
  }

  #updateControls(): void {
    const pages = this.#pdf?.numPages ?? 0;
    this.element.dataset.page = String(this.#page);
    this.#pageInput.value = String(this.#page);
    this.#pageInput.max = String(Math.max(1, pages));
    this.#pageInput.disabled = pages === 0;
    this.#pageCount.textContent = pages > 0 ? `/ ${pages}` : '';
    this.#buttons.previous.disabled = pages === 0 || this.#page <= 1;
    this.#buttons.next.disabled = pages === 0 || this.#page >= pages;
    this.#zoomLabel.textContent = percent(this.#zoom.scale);
    this.#buttons.fitWidth.setAttribute('aria-pressed', String(this.#zoom.mode === 'fit-width'));
    this.#buttons.fitPage.setAttribute('aria-pressed', String(this.#zoom.mode === 'fit-page'));
  }

  /** The thumbnails stand beside the page (viewer.css's media query), so choosing one keeps them open. */
  #thumbsBeside(): boolean {
    return window.matchMedia(`(min-width: ${THUMBS_BESIDE_MIN_PX}px)`).matches;
  }

  #toggleThumbs(open = this.#thumbs.element.hidden): void {
    this.#thumbs.element.hidden = !open;
    this.#buttons.thumbs.setAttribute('aria-expanded', String(open));
    this.element.classList.toggle('viewer--thumbs-open', open);
    if (open) this.#thumbs.setCurrent(this.#page);
    // The page box changed size: a fitted page fits again.
    if (this.#zoom.mode !== 'custom' && this.#pdf) void this.#draw();
  }

  /** Keys, resizes, pinch, swipe and ctrl+wheel. */
  #wire(): void {
    this.#stage.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight' || e.key === 'PageDown') this.goTo(this.#page + 1, 'user');
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') this.goTo(this.#page - 1, 'user');
      else if (e.key === '+' || e.key === '=') this.#setZoom({ mode: 'custom', scale: stepScale(this.#zoom.scale, 1) });
      else if (e.key === '-') this.#setZoom({ mode: 'custom', scale: stepScale(this.#zoom.scale, -1) });
      else return;
      e.preventDefault();
    });
    const resize = new ResizeObserver(() => {
      const box = this.#box();
      const changed = Math.abs(box.width - this.#lastBox.width) > 2 || Math.abs(box.height - this.#lastBox.height) > 2;
      if (changed && this.#zoom.mode !== 'custom' && this.#pdf) void this.#draw();
    });
    resize.observe(this.#stage);
    this.#stops.push(() => resize.disconnect());

    // Pinch: the drawn page is scaled live, then drawn again at the new scale, the point under
    // the fingers kept where it was.
    const preview = (ratio: number, center: { x: number; y: number }): void => {
      const rect = this.#holder.getBoundingClientRect();
      this.#holder.style.transformOrigin = `${center.x - rect.left}px ${center.y - rect.top}px`;
      this.#holder.style.transform = `scale(${clampScale(this.#zoom.scale * ratio) / this.#zoom.scale})`;
    };
    const settle = (ratio: number, center: { x: number; y: number }): void => {
      const before = this.#zoom.scale;
      const after = clampScale(before * ratio);
      const stage = this.#stage.getBoundingClientRect();
      const x = center.x - stage.left + this.#stage.scrollLeft;
      const y = center.y - stage.top + this.#stage.scrollTop;
      this.#setZoom({ mode: 'custom', scale: after });
      requestAnimationFrame(() => {
        this.#stage.scrollLeft = (x * after) / before - (center.x - stage.left);
        this.#stage.scrollTop = (y * after) / before - (center.y - stage.top);
      });
    };
    this.#stops.push(
      watchGestures(this.#stage, {
        pinch: preview,
        pinchEnd: settle,
        swipe: (direction) => this.goTo(this.#page + direction, 'user'),
        canSwipe: () => this.#stage.scrollWidth <= this.#stage.clientWidth + 1,
      }),
    );
    // A trackpad's pinch arrives as ctrl+wheel: the same preview, settled when it stops.
    this.#stage.addEventListener(
      'wheel',
      (e) => {
        if (!e.ctrlKey || !this.#pdf) return;
        e.preventDefault();
        const ratio = (this.#wheel?.ratio ?? 1) * Math.exp(-e.deltaY / 200);
        if (this.#wheel) window.clearTimeout(this.#wheel.timer);
        const center = { x: e.clientX, y: e.clientY };
        preview(ratio, center);
        this.#wheel = {
          ratio,
          timer: window.setTimeout(() => {
            this.#wheel = null;
            settle(ratio, center);
          }, 200),
        };
      },
      { passive: false },
    );
  }
}
