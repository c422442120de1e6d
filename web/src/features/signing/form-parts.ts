import { ApiError } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { alertBox, h, hideAlert, showAlert } from '../../base/ui/index.ts';

// Small pieces the signing forms share: PIN and code inputs a tablet opens its numeric keypad
// for, a labelled field, a submit button that shows it is busy, and errors in plain words.

/** Thrown by a form's own checks (two PINs that differ): its message is shown as is. */
export class FormProblem extends Error {}

export function secretInput(id: string, testid: string, kind: 'pin' | 'code'): HTMLInputElement {
  return h('input', {
    class: 'field__input field__input--digits',
    testid,
    attrs: {
      id,
      name: id,
      type: kind === 'pin' ? 'password' : 'text',
      inputmode: 'numeric',
      pattern: '[0-9]*',
      maxlength: kind === 'pin' ? 12 : 6,
      // A code is one-time; a PIN must not be offered for saving as a site password.
      autocomplete: kind === 'code' ? 'one-time-code' : 'off',
      required: true,
    },
  });
}

export function field(id: string, label: string, input: HTMLElement, hint?: string): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { class: 'field__label', attrs: { for: id } }, label),
    hint ? h('p', { class: 'field__hint' }, hint) : null,
    input,
  );
}

/** The lines to show for a failed call: the server's own message (already in the UI language), then what is left to try. */
export function errorLines(error: unknown, i18n: I18n): string[] {
  if (error instanceof FormProblem) return [error.message];
  if (!(error instanceof ApiError)) return [i18n.t('error.unexpected')];
  if (error.isNetworkError) return [i18n.t('error.network')];
  const lines = [error.problem?.title ?? i18n.t('error.unexpected')];
  const left = (error.problem as { attemptsLeft?: unknown } | null)?.attemptsLeft;
  if (typeof left === 'number') lines.push(i18n.t('signing.attemptsLeft', { count: left }));
  return lines;
}

export interface SigningForm {
  readonly form: HTMLFormElement;
  readonly alert: HTMLElement;
  fail(...lines: string[]): void;
}

/**
 * A form whose submit runs `action` with the button disabled; a thrown error is shown in the
 * form's alert (and the alert takes focus so a screen reader says it).
 */
export function signingForm(
  options: { testid: string; i18n: I18n; submitLabel: string; children: Node[]; action: () => Promise<void> },
): SigningForm {
  const { i18n } = options;
  const alert = alertBox(`${options.testid}-error`);
  alert.tabIndex = -1;
  const label = h('span', null, options.submitLabel);
  const submit = h('button', { class: 'button button--primary', testid: `${options.testid}-submit`, attrs: { type: 'submit' } }, label);
  const fail = (...lines: string[]): void => {
    showAlert(alert, ...lines);
    alert.focus();
  };
  const form = h(
    'form',
    {
      class: 'signing-form',
      testid: options.testid,
      attrs: { novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          hideAlert(alert);
          submit.disabled = true;
          label.textContent = i18n.t('signing.working');
          form.setAttribute('aria-busy', 'true');
          options
            .action()
            .catch((error: unknown) => fail(...errorLines(error, i18n)))
            .finally(() => {
              submit.disabled = false;
              label.textContent = options.submitLabel;
              form.setAttribute('aria-busy', 'false');
            });
        },
      },
    },
    alert,
    ...options.children,
    h('div', { class: 'form-actions' }, submit),
  );
  return { form, alert, fail };
}
