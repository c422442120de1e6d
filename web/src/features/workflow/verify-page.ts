// `/verify` — "Kiểm tra chữ ký": anyone signed in chooses a PDF and gets the verdict on each of
// its signatures, the same facts as `ecabinet verify`. Nothing is stored on the server.
import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { View } from '../../base/router/index.ts';
import { alertBox, h, hideAlert, panel, shell, showAlert } from '../../base/ui/index.ts';
import { errorLines } from '../signing/index.ts';
import { verificationReportView } from './verification-panel.ts';
import type { WorkflowApi } from './workflow-api.ts';

export interface VerifyPageDeps {
  readonly services: AppServices;
  readonly api: WorkflowApi;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
}

export function verifyPage(deps: VerifyPageDeps): View {
  const { services, api, me } = deps;
  const { i18n } = services;
  const result = h('div', { testid: 'verify-result', attrs: { 'aria-live': 'polite' } });
  const alert = alertBox('verify-error');
  const status = h('p', { class: 'field__hint', attrs: { hidden: true } });
  const input = h('input', { class: 'visually-hidden', testid: 'verify-input', attrs: { type: 'file', accept: 'application/pdf,.pdf' } });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    hideAlert(alert);
    result.replaceChildren();
    status.hidden = false;
    status.textContent = i18n.t('workflow.verify.checkingFile', { name: file.name });
    api.verifyFile(file).then(
      (report) => {
        status.textContent = i18n.t('workflow.verify.fileChecked', { name: file.name });
        result.replaceChildren(verificationReportView(report, i18n));
      },
      (error: unknown) => {
        status.hidden = true;
        showAlert(alert, ...errorLines(error, i18n));
      },
    );
  });
  const header = h(
    'div',
    { class: 'page-header' },
    h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } }, i18n.t('workflow.verify.title')),
    h('p', { class: 'page-header__subtitle' }, i18n.t('workflow.verify.subtitle')),
  );
  const body = panel(
    { id: 'verify-upload', testid: 'verify-panel', title: i18n.t('workflow.verify.file'), icon: 'document' },
    h('label', { class: 'button button--primary upload__button' }, input, h('span', null, i18n.t('workflow.verify.choose'))),
    status,
    alert,
    result,
  );
  return {
    element: shell({ i18n, actions: deps.userActions(me) }, header, h('div', { class: 'workflow-stack' }, body)),
    title: i18n.t('workflow.verify.title'),
  };
}
