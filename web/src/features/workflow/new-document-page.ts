// `/documents/new` — the drafter (clerk or leader) uploads a PDF, with the same progress bar
// and refusals as the agenda page, then defines its route and sends it. The document page
// takes over from there.
import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import { h, panel, shell } from '../../base/ui/index.ts';
import type { DocumentStored } from '../../../../src/contract/documents.ts';
import { uploadControl, uploadPdf } from '../agenda/index.ts';
import { documentPath, INBOX_PATH } from './paths.ts';
import { routeEditor } from './route-editor.ts';
import type { WorkflowApi } from './workflow-api.ts';

export interface NewDocumentPageDeps {
  readonly services: AppServices;
  readonly api: WorkflowApi;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
}

export async function newDocumentPage(deps: NewDocumentPageDeps, ctx: RouteContext): Promise<View> {
  const { services, api, me } = deps;
  const { i18n } = services;
  const users = await api.unitUsers(me.unit.id, ctx.signal);
  let stored: DocumentStored | null = null;

  const titleInput = h('input', { class: 'field__input', testid: 'new-document-title', attrs: { id: 'new-document-title', maxlength: 300, autocomplete: 'off' } });
  const routeSlot = h('div', { testid: 'new-document-route' });
  const upload = uploadControl({
    i18n,
    label: i18n.t('workflow.new.choose'),
    testid: 'new-document-upload',
    send: async (file, onProgress) => {
      const title = titleInput.value.trim();
      stored = await uploadPdf('/api/documents', file, title ? { title } : {}, { language: i18n.language, onProgress });
    },
    onDone: () => {
      const document = stored;
      if (!document) return;
      routeSlot.replaceChildren(
        panel(
          { id: 'new-document-route-panel', title: i18n.t('workflow.route.title'), icon: 'document' },
          routeEditor({
            i18n,
            users,
            submit: async (definition) => {
              await api.defineRoute(document.id, definition);
              await services.navigate(documentPath(document.id));
            },
          }),
          h('p', null, h('a', { testid: 'new-document-open', attrs: { href: documentPath(document.id) } }, i18n.t('workflow.new.openWithoutRoute'))),
        ),
      );
    },
  });

  const header = h(
    'div',
    { class: 'page-header' },
    h('p', null, h('a', { attrs: { href: INBOX_PATH } }, `← ${i18n.t('workflow.inbox.title')}`)),
    h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } }, i18n.t('workflow.new.title')),
    h('p', { class: 'page-header__subtitle' }, i18n.t('workflow.new.subtitle')),
  );
  const form = panel(
    { id: 'new-document-file', title: i18n.t('workflow.new.file'), icon: 'document' },
    h('div', { class: 'field' }, h('label', { class: 'field__label', attrs: { for: 'new-document-title' } }, i18n.t('workflow.new.docTitle')), h('p', { class: 'field__hint' }, i18n.t('workflow.new.docTitleHint')), titleInput),
    upload,
  );
  return {
    element: shell({ i18n, actions: deps.userActions(me) }, header, h('div', { class: 'workflow-stack' }, form, routeSlot)),
    title: i18n.t('workflow.new.title'),
  };
}
