// What the current signer of a document gets: the proposed box on the page (review and
// personal steps; a seal goes over the leader's signature by itself), the number field of a
// seal step, "Ký" (PIN + one-time code) and "Từ chối" with a reason.
import type { Me } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { alertBox, h, hideAlert, showAlert } from '../../base/ui/index.ts';
import type { RouteStep, SignResponse } from '../../../../src/contract/workflow.ts';
import type { DocumentViewer } from '../documents/document-viewer.ts';
import { errorLines, tabletHoldsKey } from '../signing/index.ts';
import { authoriseDialog } from './authorise-dialog.ts';
import type { PdfFacts } from './pdf-facts.ts';
import { initials } from './initials.ts';
import { findSignatureBlock, groupLines, proposeRect } from './placement.ts';
import { SignatureBox } from './signature-box.ts';
import type { WorkflowApi } from './workflow-api.ts';

export interface SignPanelOptions {
  readonly i18n: I18n;
  readonly api: WorkflowApi;
  readonly me: Me;
  readonly documentId: string;
  readonly title: string;
  readonly step: RouteStep;
  readonly viewer: DocumentViewer;
  readonly facts: PdfFacts;
  readonly signed: (result: SignResponse) => void;
  readonly rejected: () => void;
}

export interface SignPanel {
  readonly element: HTMLElement;
  /** The page the box is on (the viewer opens there). */
  readonly startPage: number;
  destroy(): void;
}

export async function signPanel(options: SignPanelOptions): Promise<SignPanel> {
  const { i18n, step, facts, viewer } = options;
  const kind = step.kind;
  const last = facts.pageCount;
  let box: SignatureBox | null = null;
  if (kind !== 'seal') {
    const size = await facts.pageSize(last);
    const block = findSignatureBlock(groupLines(await facts.textItems(last)));
    box = new SignatureBox({
      i18n,
      viewer: viewer.element,
      label: kind === 'review' ? `${i18n.t('workflow.kind.review')}: ${initials(options.me.fullName)}` : options.me.fullName,
      placement: { page: last, rect: proposeRect(kind, size, block) },
      pageSize: size,
    });
  }

  const number = h('input', {
    class: 'field__input field__input--digits',
    testid: 'seal-number',
    attrs: { id: 'seal-number', inputmode: 'numeric', pattern: '[0-9]*', placeholder: i18n.t('workflow.seal.auto'), autocomplete: 'off' },
  });
  const sealFields =
    kind === 'seal'
      ? h(
          'div',
          { class: 'field' },
          h('label', { class: 'field__label', attrs: { for: 'seal-number' } }, i18n.t('workflow.seal.number')),
          h('p', { class: 'field__hint' }, i18n.t('workflow.seal.numberHint')),
          number,
        )
      : null;

  const dialog = authoriseDialog({
    i18n,
    title: i18n.t('workflow.sign.dialogTitle'),
    submitLabel: i18n.t('workflow.sign.confirm'),
    describe: () => [
      h('p', { class: 'authorise__what' }, options.title),
      h('p', { class: 'field__hint' }, i18n.t(`workflow.sign.what.${kind}`)),
      box ? h('p', { class: 'field__hint' }, i18n.t('workflow.sign.onPage', { page: box.placement.page })) : null,
      kind === 'seal' ? h('p', { class: 'field__hint' }, number.value.trim() ? i18n.t('workflow.seal.numberChosen', { number: number.value.trim() }) : i18n.t('workflow.seal.numberAuto')) : null,
    ].filter((n): n is HTMLParagraphElement => n !== null),
    // A seal is the unit's key on the server; review and personal steps may use the tablet's.
    offerTabletKey: kind === 'seal' ? undefined : () => tabletHoldsKey(options.me.id),
    action: async (pin, code, key) => {
      const chosen = number.value.trim();
      const result = await options.api.sign(options.documentId, {
        pin,
        code,
        ...(key === 'device' ? { key } : {}),
        ...(box ? box.placement : {}),
        ...(kind === 'seal' && chosen ? { number: Number(chosen) } : {}),
      });
      options.signed(result);
    },
  });

  const alert = alertBox('sign-panel-error');
  const signButton = h(
    'button',
    {
      class: 'button button--primary',
      testid: 'sign-open',
      attrs: { type: 'button' },
      on: {
        click: () => {
          hideAlert(alert);
          if (kind === 'seal' && number.value.trim() && !/^[1-9]\d{0,8}$/.test(number.value.trim())) {
            showAlert(alert, i18n.t('workflow.seal.numberInvalid'));
            return;
          }
          dialog.open();
        },
      },
    },
    i18n.t('workflow.sign.open'),
  );
  const here = box
    ? h(
        'button',
        {
          class: 'button button--secondary',
          testid: 'sign-here',
          attrs: { type: 'button' },
          on: {
            click: () => {
              const page = viewer.position?.page ?? last;
              void facts.pageSize(page).then((size) => box?.moveTo(page, size));
            },
          },
        },
        i18n.t('workflow.box.thisPage'),
      )
    : null;

  const reason = h('textarea', { class: 'field__input', testid: 'reject-reason', attrs: { id: 'reject-reason', rows: 3, maxlength: 2000, required: true } });
  const rejectForm = h(
    'form',
    {
      class: 'reject-form',
      testid: 'reject-form',
      attrs: { hidden: true, novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          hideAlert(alert);
          if (!reason.value.trim()) {
            showAlert(alert, i18n.t('workflow.reject.reasonMissing'));
            return;
          }
          options.api.reject(options.documentId, reason.value.trim()).then(options.rejected, (error: unknown) => showAlert(alert, ...errorLines(error, i18n)));
        },
      },
    },
    h('label', { class: 'field__label', attrs: { for: 'reject-reason' } }, i18n.t('workflow.reject.reason')),
    reason,
    h('div', { class: 'form-actions' }, h('button', { class: 'button button--danger', testid: 'reject-submit', attrs: { type: 'submit' } }, i18n.t('workflow.reject.submit'))),
  );
  const rejectButton = h(
    'button',
    {
      class: 'button button--ghost',
      testid: 'reject-open',
      attrs: { type: 'button' },
      on: {
        click: () => {
          rejectForm.hidden = !rejectForm.hidden;
          if (!rejectForm.hidden) reason.focus();
        },
      },
    },
    i18n.t('workflow.reject.open'),
  );

  const element = h(
    'section',
    { class: 'sign-panel', testid: 'sign-panel', attrs: { 'aria-labelledby': 'sign-panel-title', 'data-kind': kind } },
    h('h2', { class: 'sign-panel__title', attrs: { id: 'sign-panel-title' } }, i18n.t('workflow.sign.yourTurn', { kind: i18n.t(`workflow.kind.${kind}`) })),
    h('p', { class: 'field__hint' }, i18n.t(kind === 'seal' ? 'workflow.seal.placement' : 'workflow.box.hint')),
    alert,
    sealFields,
    h('div', { class: 'form-actions sign-panel__actions' }, signButton, here, rejectButton),
    rejectForm,
  );
  return {
    element,
    startPage: box?.placement.page ?? last,
    destroy: () => {
      box?.destroy();
      dialog.element.remove();
    },
  };
}
