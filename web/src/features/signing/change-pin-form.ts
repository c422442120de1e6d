import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { field, FormProblem, secretInput, signingForm } from './form-parts.ts';
import type { SigningApi } from './signing-api.ts';

/** Change the PIN: the current one (it counts against the lock), the new one twice. */
export function changePinForm(deps: { i18n: I18n; api: SigningApi }): HTMLElement {
  const { i18n, api } = deps;
  const current = secretInput('signing-current-pin', 'signing-current-pin', 'pin');
  const next = secretInput('signing-new-pin', 'signing-new-pin', 'pin');
  const repeat = secretInput('signing-new-pin-repeat', 'signing-new-pin-repeat', 'pin');
  const done = h('p', { class: 'notice notice--success', testid: 'signing-change-pin-done', attrs: { role: 'status', hidden: true } }, i18n.t('signing.changePin.done'));
  const { form } = signingForm({
    testid: 'signing-change-pin',
    i18n,
    submitLabel: i18n.t('signing.changePin.submit'),
    children: [
      done,
      field('signing-current-pin', i18n.t('signing.changePin.current'), current),
      field('signing-new-pin', i18n.t('signing.changePin.new'), next, i18n.t('signing.pinHint')),
      field('signing-new-pin-repeat', i18n.t('signing.pinRepeat'), repeat),
    ],
    action: async () => {
      done.hidden = true;
      if (!current.value || !next.value) throw new FormProblem(i18n.t('signing.pinMissing'));
      if (next.value !== repeat.value) throw new FormProblem(i18n.t('signing.pinMismatch'));
      await api.changePin(current.value, next.value);
      for (const input of [current, next, repeat]) input.value = '';
      done.hidden = false;
    },
  });
  return h(
    'section',
    { class: 'panel', attrs: { 'aria-labelledby': 'signing-change-pin-title' } },
    h('h2', { class: 'panel__title', attrs: { id: 'signing-change-pin-title' } }, i18n.t('signing.changePin.title')),
    form,
  );
}
