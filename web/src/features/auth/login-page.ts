import type { AppServices } from '../../base/app/services.ts';
import { safeLocalPath, type RouteContext, type View } from '../../base/router/index.ts';
import { alertBox, h, hideAlert, shell, showAlert } from '../../base/ui/index.ts';
import { loginErrorLines } from './login-error.ts';
import type { Session } from './session.ts';

/** Survives a re-render (language switch) so the user does not retype the username. */
export interface LoginDraft {
  username: string;
}

export function loginPage(services: AppServices, session: Session, draft: LoginDraft, ctx: RouteContext): View {
  const { i18n } = services;

  const username = h('input', {
    class: 'field__input',
    testid: 'login-username',
    attrs: {
      id: 'login-username',
      name: 'username',
      type: 'text',
      autocomplete: 'username',
      autocapitalize: 'none',
      spellcheck: 'false',
      required: true,
      value: draft.username,
    },
    // Kept as typed: the next render (language switch) is built before this one is left.
    on: { input: () => (draft.username = username.value) },
  });
  const password = h('input', {
    class: 'field__input',
    testid: 'login-password',
    attrs: { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true },
  });
  const submitLabel = h('span', null, i18n.t('login.submit'));
  const submit = h(
    'button',
    { class: 'button button--primary button--block', testid: 'login-submit', attrs: { type: 'submit' } },
    submitLabel,
  );
  const error = alertBox('login-error');

  const setBusy = (busy: boolean): void => {
    submit.disabled = busy;
    form.setAttribute('aria-busy', String(busy));
    submitLabel.textContent = i18n.t(busy ? 'login.submitting' : 'login.submit');
  };

  const onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const name = username.value.trim();
    if (!name || !password.value) {
      showAlert(error, i18n.t('login.missingFields'));
      (name ? password : username).focus();
      return;
    }
    hideAlert(error);
    setBusy(true);
    try {
      await session.login(name, password.value);
      draft.username = '';
      await services.navigate(safeLocalPath(ctx.query.get('next')), { replace: true });
    } catch (failure) {
      setBusy(false);
      showAlert(error, ...loginErrorLines(failure, i18n));
      password.value = '';
      password.focus();
    }
  };

  // The browser's own validation bubbles speak the browser's language, not the UI's: we
  // validate ourselves (novalidate) and keep `required` for assistive technology.
  const form = h(
    'form',
    { class: 'login-form', attrs: { novalidate: true, 'aria-labelledby': 'login-title' }, on: { submit: (e) => void onSubmit(e) } },
    error,
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field__label', attrs: { for: 'login-username' } }, i18n.t('login.username')),
      username,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'field__label', attrs: { for: 'login-password' } }, i18n.t('login.password')),
      password,
    ),
    submit,
  );

  const element = shell(
    { i18n, variant: 'public' },
    h(
      'div',
      { class: 'card login-card' },
      h('h1', { class: 'login-card__title', attrs: { id: 'login-title', tabindex: -1 } }, i18n.t('login.title')),
      h('p', { class: 'login-card__intro' }, i18n.t('login.intro')),
      form,
    ),
  );

  return {
    element,
    title: i18n.t('login.title'),
    focus: () => (username.value ? password : username).focus(),
  };
}
