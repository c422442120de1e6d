// The meeting's documents beside the viewer, grouped as on the agenda (the meeting's own, then
// item by item), each with its pages and whether it is on this tablet.
import type { AgendaView, MeetingDocument } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { documentStatus } from './document-status.ts';
import type { OfflineDocuments } from './offline-store.ts';

type AgendaContent = Pick<AgendaView, 'items' | 'documents'>;

/** Every document of the agenda, in reading order. */
export const agendaDocuments = (agenda: AgendaContent): MeetingDocument[] => [...agenda.documents, ...agenda.items.flatMap((i) => i.documents)];

export function documentList(
  agenda: AgendaContent,
  options: { i18n: I18n; offline: OfflineDocuments; open: (doc: MeetingDocument) => void },
): { element: HTMLElement; select(documentId: string | null): void; destroy(): void } {
  const { i18n, offline } = options;
  const stops: Array<() => void> = [];
  const entries = new Map<string, HTMLButtonElement>();
  const entry = (doc: MeetingDocument): HTMLElement => {
    const status = documentStatus(i18n, offline, doc.url);
    stops.push(status.destroy);
    const meta = [i18n.t('documents.pages', { pages: doc.pages }), doc.version > 1 ? i18n.t('documents.version', { version: doc.version }) : null].filter(Boolean).join(' · ');
    const button = h(
      'button',
      {
        class: 'doc-entry',
        testid: 'document-entry',
        attrs: { type: 'button', 'data-document-id': doc.id, 'data-version': doc.version },
        on: { click: () => options.open(doc) },
      },
      h('span', { class: 'doc-entry__title' }, doc.title),
      h('span', { class: 'doc-entry__meta' }, meta),
      status.element,
    );
    entries.set(doc.id, button);
    return h('li', null, button);
  };
  const group = (title: string, docs: readonly MeetingDocument[]): HTMLElement | null =>
    docs.length === 0 ? null : h('li', { class: 'doc-group' }, h('h3', { class: 'doc-group__title' }, title), h('ul', { class: 'doc-group__list', attrs: { role: 'list' } }, ...docs.map(entry)));

  const groups = [
    group(i18n.t('documents.general'), agenda.documents),
    ...agenda.items.map((item) => group(i18n.t('documents.item', { position: item.position, title: item.title }), item.documents)),
  ].filter((g): g is HTMLElement => g !== null);
  const element =
    groups.length > 0
      ? h('ul', { class: 'doc-groups', testid: 'document-list', attrs: { role: 'list', 'aria-label': i18n.t('documents.list') } }, ...groups)
      : h('p', { class: 'doc-groups__empty', testid: 'document-list' }, i18n.t('documents.empty'));

  return {
    element,
    select: (documentId) => {
      for (const [id, button] of entries) {
        if (id === documentId) button.setAttribute('aria-current', 'true');
        else button.removeAttribute('aria-current');
      }
    },
    destroy: () => {
      for (const stop of stops) stop();
    },
  };
}
