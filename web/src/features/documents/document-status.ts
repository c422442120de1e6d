// "On this tablet / downloading n % / missing" for one document version ("checking" until the
// tablet has looked), kept up to date from the offline store; `data-state` carries the state for
// styles and tests.
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { OfflineDocuments, OfflineStatus } from './offline-store.ts';

export function statusText(i18n: I18n, status: OfflineStatus): string {
  switch (status.state) {
    case 'stored':
      return i18n.t('documents.status.stored');
    case 'downloading':
      return i18n.t('documents.status.downloading', { percent: status.percent });
    case 'missing':
      return i18n.t('documents.status.missing');
  }
}

/** A live status badge; `destroy` stops listening. */
export function documentStatus(i18n: I18n, offline: OfflineDocuments, url: string): { element: HTMLElement; destroy(): void } {
  const element = h('span', { class: 'doc-status', testid: 'document-status', attrs: { 'data-url': url } });
  const show = (status: OfflineStatus): void => {
    element.dataset.state = status.state;
    element.textContent = statusText(i18n, status);
    element.title = status.state === 'missing' && status.problem === 'mismatch' ? i18n.t('documents.status.mismatch') : '';
  };
  // Until the tablet has looked, say so: "missing" for a document that is here (shown on every
  // page load without a network, until Cache Storage answered) tells an official it is not.
  if (offline.isKnown(url)) show(offline.status(url));
  else {
    element.dataset.state = 'checking';
    element.textContent = i18n.t('documents.status.checking');
    void offline.check(url);
  }
  const absolute = new URL(url, location.origin).href;
  const stop = offline.onStatus((changed, status) => {
    if (changed === absolute) show(status);
  });
  return { element, destroy: stop };
}

/** "3 of 4 documents on this tablet", kept up to date for a set of versions. */
export function storedSummary(i18n: I18n, offline: OfflineDocuments): { element: HTMLElement; show(urls: readonly string[]): void; destroy(): void } {
  const element = h('p', { class: 'doc-summary', testid: 'documents-summary', attrs: { 'aria-live': 'polite' } });
  let urls: readonly string[] = [];
  const render = (): void => {
    const stored = urls.filter((u) => offline.status(u).state === 'stored').length;
    element.dataset.stored = String(stored);
    element.dataset.total = String(urls.length);
    element.textContent = urls.length > 0 ? i18n.t('documents.summary', { stored, total: urls.length }) : i18n.t('documents.empty');
  };
  const stop = offline.onStatus(() => render());
  return {
    element,
    show: (next) => {
      urls = next;
      render();
    },
    destroy: stop,
  };
}
