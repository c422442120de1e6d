// The proposed signature box over the viewer's page: dragged with a finger, a pen or a mouse
// (pointer events, captured so a fast drag does not lose it), or moved with the arrow keys.
// It is kept in PDF points — what the server takes — and drawn at whatever zoom the viewer
// shows, re-attached each time the viewer draws the page again.
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { SignatureRect } from '../../../../src/contract/workflow.ts';
import { clampRect, toPdfRect, toScreenBox, type PageSize } from './placement.ts';

export interface BoxPlacement {
  readonly page: number;
  readonly rect: SignatureRect;
}

/** Arrow keys move the box by this many points (ten times with Shift). */
const KEY_STEP_PT = 2;

export class SignatureBox {
  readonly element: HTMLElement;
  readonly #viewer: HTMLElement;
  readonly #observer: MutationObserver;
  #page: number;
  #size: PageSize;
  #rect: SignatureRect;
  #drag: { id: number; x: number; y: number; left: number; top: number } | null = null;

  constructor(options: { i18n: I18n; viewer: HTMLElement; label: string; placement: BoxPlacement; pageSize: PageSize }) {
    this.#viewer = options.viewer;
    this.#page = options.placement.page;
    this.#size = options.pageSize;
    this.#rect = clampRect(options.placement.rect, options.pageSize);
    this.element = h(
      'div',
      {
        class: 'signature-box',
        testid: 'signature-box',
        attrs: { role: 'button', tabindex: 0, 'aria-label': options.i18n.t('workflow.box.label'), 'aria-roledescription': options.i18n.t('workflow.box.role') },
      },
      h('span', { class: 'signature-box__label' }, options.label),
    );
    this.#wire();
    // The viewer replaces the page element at each draw (page turn, zoom): follow it.
    this.#observer = new MutationObserver(() => this.#attach());
    this.#observer.observe(this.#viewer, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-rendered-page'] });
    this.#attach();
  }

  get placement(): BoxPlacement {
    return { page: this.#page, rect: this.#rect };
  }

  /** Puts the box on another page (the reader chose "sign on this page"), kept inside it. */
  moveTo(page: number, size: PageSize): void {
    this.#page = page;
    this.#size = size;
    this.#rect = clampRect(this.#rect, size);
    this.#attach();
  }

  destroy(): void {
    this.#observer.disconnect();
    this.element.remove();
  }

  #pageElement(): HTMLElement | null {
    return this.#viewer.querySelector<HTMLElement>(`[data-testid="viewer-page"][data-page="${this.#page}"]`);
  }

  /** CSS pixels per point of the page as drawn now. */
  #scale(page: HTMLElement): number {
    return page.clientWidth / this.#size.width;
  }

  #attach(): void {
    const page = this.#pageElement();
    if (!page) {
      this.element.remove();
      return;
    }
    if (this.element.parentElement !== page) page.append(this.element);
    this.#draw(page);
  }

  #draw(page: HTMLElement): void {
    const box = toScreenBox(this.#rect, this.#scale(page), this.#size);
    const style = this.element.style;
    style.left = `${box.left}px`;
    style.top = `${box.top}px`;
    style.width = `${box.width}px`;
    style.height = `${box.height}px`;
    this.element.dataset.page = String(this.#page);
    this.element.dataset.rect = [this.#rect.x, this.#rect.y, this.#rect.w, this.#rect.h].join(',');
  }

  #wire(): void {
    const el = this.element;
    el.addEventListener('pointerdown', (e) => {
      // Ours, not the viewer's swipe or pinch.
      e.stopPropagation();
      e.preventDefault();
      el.setPointerCapture(e.pointerId);
      this.#drag = { id: e.pointerId, x: e.clientX, y: e.clientY, left: el.offsetLeft, top: el.offsetTop };
      el.classList.add('signature-box--dragging');
    });
    el.addEventListener('pointermove', (e) => {
      const drag = this.#drag;
      const page = el.parentElement;
      if (!drag || drag.id !== e.pointerId || !page) return;
      e.stopPropagation();
      const left = drag.left + e.clientX - drag.x;
      const top = drag.top + e.clientY - drag.y;
      const scale = this.#scale(page);
      // Only the position moves: the size stays the one the appearance needs, unrounded.
      const moved = toPdfRect({ left, top, width: this.#rect.w * scale, height: this.#rect.h * scale }, scale, this.#size);
      this.#rect = { ...this.#rect, x: moved.x, y: moved.y };
      this.#draw(page);
    });
    const end = (e: PointerEvent): void => {
      if (this.#drag?.id !== e.pointerId) return;
      e.stopPropagation();
      this.#drag = null;
      el.classList.remove('signature-box--dragging');
    };
    el.addEventListener('pointerup', end);
    el.addEventListener('pointercancel', end);
    el.addEventListener('keydown', (e) => {
      const step = KEY_STEP_PT * (e.shiftKey ? 10 : 1);
      const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      const move = moves[e.key];
      if (!move) return;
      e.preventDefault();
      e.stopPropagation();
      this.#rect = clampRect({ ...this.#rect, x: this.#rect.x + move[0], y: this.#rect.y + move[1] }, this.#size);
      const page = el.parentElement;
      if (page) this.#draw(page);
    });
  }
}
