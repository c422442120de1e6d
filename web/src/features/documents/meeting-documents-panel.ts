// On a meeting's page: how many of its documents are on this tablet, and the way to read them.
// Opening the page keeps the meeting ready (its documents downloaded, its new versions fetched).
import type { I18n } from '../../base/i18n/index.ts';
import { h, icon } from '../../base/ui/index.ts';
import { storedSummary } from './document-status.ts';
import type { MeetingWatch } from './meeting-watch.ts';
import type { OfflineDocuments } from './offline-store.ts';

export function meetingDocumentsPanel(
  meetingId: string,
  deps: { i18n: I18n; offline: OfflineDocuments; watch: MeetingWatch; documentsPath: (meetingId: string) => string },
): { element: HTMLElement; destroy(): void } {
  const { i18n, offline } = deps;
  const summary = storedSummary(i18n, offline);
  const show = (urls: readonly string[]): void => summary.show(urls);
  show(offline.manifest(meetingId)?.documents.map((d) => d.url) ?? []);
  const stop = offline.onManifest((manifest) => {
    if (manifest.meetingId === meetingId) show(manifest.documents.map((d) => d.url));
  });
  // Held while the page is open: its manifest is read now, its documents fetched.
  const release = deps.watch.hold(meetingId);
  const element = h(
    'div',
    { class: 'meeting-documents', testid: 'meeting-documents' },
    h('a', { class: 'button button--secondary', testid: 'meeting-documents-link', attrs: { href: deps.documentsPath(meetingId) } }, icon('document'), h('span', null, i18n.t('documents.nav'))),
    summary.element,
  );
  return {
    element,
    destroy: () => {
      stop();
      summary.destroy();
      release();
    },
  };
}
