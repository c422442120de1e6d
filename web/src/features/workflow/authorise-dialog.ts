// "Ký" asks for the signing PIN and a fresh one-time code: one act, whether for one document
// or a batch (issue 11.3). A modal dialog, so the document stays in view behind it; the
// inputs open the tablet's numeric keypad and the code input takes the authenticator's
// autofill. A refusal is shown in the dialog in the server's words (wrong PIN: how many tries
// are left; locked: who can unlock; a spent or wrong code), as the signing settings show them.
import type { SigningKey } from '../../../../src/contract/workflow.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { field, FormProblem, secretInput, signingForm } from '../signing/index.ts';

export interface AuthoriseDialogOptions {
  readonly i18n: I18n;
  readonly title: string;
  /** Says what is being signed (document, step, number). */
  readonly describe: () => Node[];
  readonly submitLabel: string;
  /**
   * Whether to offer this tablet's own key (issue 11.4): true when the signer made one here. The
   * PIN and code authorise the act either way; the tablet then signs when the server asks.
   */
  readonly offerTabletKey?: () => Promise<boolean>;
  /** Runs with the PIN, the code and the key chosen; a throw keeps the dialog open with the refusal shown. */
  readonly action: (pin: string, code: string, key: SigningKey) => Promise<void>;
}

export interface AuthoriseDialog {
  readonly element: HTMLDialogElement;
  open(): void;
  close(): void;
}

export function authoriseDialog(options: AuthoriseDialogOptions): AuthoriseDialog {
  const { i18n } = options;
  const pin = secretInput('sign-pin', 'sign-pin', 'pin');
  const code = secretInput('sign-code', 'sign-code', 'code');
  const summary = h('div', { class: 'authorise__summary' });
  const tabletKey = h('input', { testid: 'sign-with-tablet-key', attrs: { type: 'checkbox', id: 'sign-with-tablet-key' } });
  const tabletKeyRow = h(
    'label',
    { class: 'check-row', attrs: { for: 'sign-with-tablet-key' } },
    tabletKey,
    h('span', null, i18n.t('workflow.sign.tabletKey')),
  );
  tabletKeyRow.hidden = true;
  const dialog = h('dialog', { class: 'authorise', testid: 'sign-dialog', attrs: { 'aria-labelledby': 'sign-dialog-title' } });
  const signing = signingForm({
    testid: 'sign-form',
    i18n,
    submitLabel: options.submitLabel,
    children: [summary, field('sign-pin', i18n.t('signing.pin'), pin), field('sign-code', i18n.t('signing.code'), code), tabletKeyRow],
    action: async () => {
      if (!/^\d{4,12}$/.test(pin.value)) throw new FormProblem(i18n.t('signing.pinMissing'));
      if (!/^\d{6}$/.test(code.value)) throw new FormProblem(i18n.t('signing.codeMissing'));
      try {
        await options.action(pin.value, code.value, !tabletKeyRow.hidden && tabletKey.checked ? 'device' : 'server');
      } catch (error) {
        // A code is good once: after any refusal the next try needs a new one.
        code.value = '';
        throw error;
      }
      dialog.close();
    },
  });
  const cancel = h('button', { class: 'button button--ghost', testid: 'sign-cancel', attrs: { type: 'button' }, on: { click: () => dialog.close() } }, i18n.t('workflow.cancel'));
  signing.form.querySelector('.form-actions')?.append(cancel);
  dialog.append(h('h2', { class: 'authorise__title', attrs: { id: 'sign-dialog-title' } }, options.title), signing.form);
  return {
    element: dialog,
    open: () => {
      pin.value = '';
      code.value = '';
      signing.alert.hidden = true;
      summary.replaceChildren(...options.describe());
      // Offered, it is the default: a leader who made a key on this tablet meant to sign with it.
      tabletKeyRow.hidden = true;
      void options.offerTabletKey?.().then((offered) => {
        tabletKeyRow.hidden = !offered;
        tabletKey.checked = offered;
      });
      if (!dialog.isConnected) document.body.append(dialog);
      dialog.showModal();
      pin.focus();
    },
    close: () => dialog.close(),
  };
}
