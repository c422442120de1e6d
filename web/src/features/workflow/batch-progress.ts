// A batch's progress as the server pushes it (`signing.progress` after each document) and,
// at the end, each document's outcome: signed (the new version) or why not.
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { BatchResponse, InboxItem, SigningProgress } from '../../../../src/contract/workflow.ts';
import { documentPath } from './paths.ts';

export class BatchProgress {
  readonly element: HTMLElement;
  readonly #i18n: I18n;
  readonly #bar: HTMLProgressElement;
  readonly #text: HTMLElement;
  readonly #results: HTMLElement;
  /** After the answer, a late push must not overwrite the outcome. */
  #finished = false;

  constructor(i18n: I18n) {
    this.#i18n = i18n;
    this.#bar = h('progress', { class: 'batch__bar', testid: 'batch-progress', attrs: { max: 1, value: 0 } });
    this.#text = h('span', { class: 'batch__text', testid: 'batch-progress-text' });
    this.#results = h('ul', { class: 'batch__results', testid: 'batch-results' });
    this.element = h('div', { class: 'batch', attrs: { hidden: true, role: 'status', 'aria-live': 'polite' } }, this.#bar, this.#text, this.#results);
  }

  start(total: number): void {
    this.element.hidden = false;
    this.#finished = false;
    this.#bar.dataset.pushes = '0';
    this.#results.replaceChildren();
    this.#set(0, total);
  }

  /** A push of the server as each document is done. */
  progress(p: SigningProgress): void {
    // Counted where a test (or a curious reader of the DOM) can see the server's pushes arrived.
    this.#bar.dataset.pushes = String(Number(this.#bar.dataset.pushes ?? 0) + 1);
    if (!this.#finished) this.#set(p.done, p.total);
  }

  finish(result: BatchResponse, items: readonly InboxItem[]): void {
    const titles = new Map(items.map((i) => [i.documentId, i.title]));
    this.#finished = true;
    this.#set(result.items.length, result.items.length);
    this.#text.textContent = this.#i18n.t('workflow.batch.finished', { signed: result.signed, failed: result.failed });
    this.#results.replaceChildren(
      ...result.items.map((r) =>
        h(
          'li',
          { class: `batch__result batch__result--${r.ok ? 'ok' : 'bad'}`, testid: 'batch-result', attrs: { 'data-document-id': r.documentId, 'data-ok': String(r.ok) } },
          h('a', { attrs: { href: documentPath(r.documentId) } }, h('strong', null, titles.get(r.documentId) ?? r.documentId)),
          ' — ',
          r.ok ? this.#i18n.t('workflow.batch.itemSigned', { version: r.version }) : r.message,
        ),
      ),
    );
  }

  hide(): void {
    this.element.hidden = true;
  }

  #set(done: number, total: number): void {
    this.#bar.max = Math.max(1, total);
    this.#bar.value = done;
    this.#bar.dataset.done = String(done);
    this.#bar.dataset.total = String(total);
    this.#text.textContent = this.#i18n.t('workflow.batch.progress', { done, total });
  }
}
