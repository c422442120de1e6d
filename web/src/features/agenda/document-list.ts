import type { MeetingDocument } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { h, icon } from '../../base/ui/index.ts';
import { formatSize } from './format.ts';
import { uploadControl, type UploadControlOptions } from './upload-control.ts';

export interface DocumentListOptions {
  readonly i18n: I18n;
  readonly emptyText: string;
  /** Present for those who may replace and remove documents now. */
  readonly manage?: {
    replace: (doc: MeetingDocument) => UploadControlOptions['send'];
    remove: (doc: MeetingDocument) => void;
    onReplaced: UploadControlOptions['onDone'];
  };
  /** Where the tablet viewer shows a document (the documents feature's page). */
  readonly readerHref?: (doc: MeetingDocument) => string;
}

/**
 * Documents with what a reader needs before opening one on a tablet: title, pages and size. The
 * title is a plain link to the file; "Read" opens it in the tablet viewer (documents feature).
 */
export function documentList(docs: readonly MeetingDocument[], options: DocumentListOptions): HTMLElement {
  const { i18n } = options;
  if (docs.length === 0) return h('p', { class: 'agenda-docs__empty' }, options.emptyText);
  return h(
    'ul',
    { class: 'agenda-docs', attrs: { role: 'list' } },
    ...docs.map((doc) =>
      h(
        'li',
        { class: 'agenda-doc', testid: 'agenda-document', attrs: { 'data-document-id': doc.id, 'data-version': doc.version } },
        h(
          'a',
          {
            class: 'agenda-doc__link',
            testid: 'agenda-document-link',
            attrs: { href: doc.url, target: '_blank', rel: 'noopener', 'aria-label': i18n.t('agenda.doc.open', { title: doc.title }) },
          },
          icon('document', 'icon agenda-doc__icon'),
          h(
            'span',
            { class: 'agenda-doc__text' },
            h('span', { class: 'agenda-doc__title' }, doc.title),
            h(
              'span',
              { class: 'agenda-doc__meta' },
              i18n.t('agenda.doc.meta', { pages: doc.pages, size: formatSize(doc.size, i18n.locale) }),
              doc.version > 1 ? ` · ${i18n.t('agenda.doc.version', { version: doc.version })}` : '',
            ),
          ),
        ),
        options.readerHref
          ? h('a', { class: 'button button--secondary agenda-doc__read', testid: 'agenda-document-read', attrs: { href: options.readerHref(doc) } }, i18n.t('documents.read'))
          : null,
        options.manage
          ? h(
              'div',
              { class: 'agenda-doc__actions' },
              uploadControl({
                i18n,
                label: i18n.t('agenda.doc.replace'),
                testid: 'agenda-document-replace',
                send: options.manage.replace(doc),
                onDone: options.manage.onReplaced,
              }),
              h(
                'button',
                { class: 'button button--ghost', attrs: { type: 'button' }, on: { click: () => options.manage?.remove(doc) } },
                i18n.t('agenda.doc.remove'),
              ),
            )
          : null,
      ),
    ),
  );
}
