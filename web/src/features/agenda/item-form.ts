import { ApiError, type AgendaItem, type User } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { alertBox, h, hideAlert, showAlert } from '../../base/ui/index.ts';

export interface ItemValues {
  title: string;
  presenterId: string | null;
  minutes: number | null;
}

export interface ItemFormOptions {
  readonly i18n: I18n;
  /** Whom a presenter can be picked from (the organising unit's accounts); empty hides the choice. */
  readonly users: readonly User[];
  readonly initial?: AgendaItem;
  readonly heading: string;
  readonly submitLabel: string;
  readonly testid: string;
  readonly submit: (values: ItemValues) => Promise<void>;
  readonly cancel?: () => void;
}

let formCount = 0;

/** Adding or editing an item: title, presenter, planned minutes. The server judges; errors show by their field. */
export function itemForm(options: ItemFormOptions): HTMLFormElement {
  const { i18n, initial, testid } = options;
  const id = `agenda-form-${++formCount}`;
  const alert = alertBox(`${testid}-error`);
  const title = h('input', {
    class: 'field__input',
    testid: `${testid}-title`,
    attrs: { id: `${id}-title`, type: 'text', required: true, maxlength: 500, autocomplete: 'off', value: initial?.title ?? '' },
  });
  const presenter = h(
    'select',
    { class: 'field__input', testid: `${testid}-presenter`, attrs: { id: `${id}-presenter` } },
    h('option', { attrs: { value: '' } }, i18n.t('agenda.form.presenterNone')),
    ...options.users.map((u) => h('option', { attrs: { value: u.id } }, u.title ? `${u.fullName} — ${u.title}` : u.fullName)),
  );
  presenter.value = initial?.presenter?.id ?? '';
  const minutes = h('input', {
    class: 'field__input agenda-form__minutes',
    testid: `${testid}-minutes`,
    attrs: { id: `${id}-minutes`, type: 'number', min: 1, max: 600, step: 1, inputmode: 'numeric', value: initial?.minutes ?? '' },
  });
  const titleError = h('p', { class: 'field__error', attrs: { hidden: true } });
  const minutesError = h('p', { class: 'field__error', attrs: { hidden: true } });
  const submit = h('button', { class: 'button button--primary', testid: `${testid}-submit`, attrs: { type: 'submit' } }, options.submitLabel);

  const showField = (el: HTMLElement, input: HTMLElement, message: string | null): void => {
    el.textContent = message ?? '';
    el.hidden = !message;
    input.setAttribute('aria-invalid', String(Boolean(message)));
  };

  const onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    hideAlert(alert);
    showField(titleError, title, null);
    showField(minutesError, minutes, null);
    const minutesValue = minutes.value.trim() === '' ? null : Number(minutes.value);
    submit.disabled = true;
    try {
      await options.submit({ title: title.value.trim(), presenterId: presenter.value || null, minutes: minutesValue });
    } catch (failure) {
      submit.disabled = false;
      const fields = fieldsOf(failure);
      if (fields.has('title')) showField(titleError, title, i18n.t('agenda.form.errorTitle'));
      if (fields.has('minutes')) showField(minutesError, minutes, i18n.t('agenda.form.errorMinutes'));
      const message = failure instanceof ApiError ? (failure.isNetworkError ? i18n.t('error.network') : (failure.problem?.title ?? i18n.t('error.unexpected'))) : i18n.t('error.unexpected');
      showAlert(alert, message);
      (fields.has('title') ? title : fields.has('minutes') ? minutes : alert).focus();
    }
  };
  alert.tabIndex = -1;

  return h(
    'form',
    { class: 'agenda-form', testid, attrs: { novalidate: true, 'aria-label': options.heading }, on: { submit: (e) => void onSubmit(e) } },
    h('h3', { class: 'agenda-form__heading' }, options.heading),
    alert,
    h('div', { class: 'field' }, h('label', { class: 'field__label', attrs: { for: `${id}-title` } }, i18n.t('agenda.form.title')), title, titleError),
    h(
      'div',
      { class: 'agenda-form__row' },
      options.users.length > 0
        ? h('div', { class: 'field' }, h('label', { class: 'field__label', attrs: { for: `${id}-presenter` } }, i18n.t('agenda.form.presenter')), presenter)
        : null,
      h('div', { class: 'field' }, h('label', { class: 'field__label', attrs: { for: `${id}-minutes` } }, i18n.t('agenda.form.minutes')), minutes, minutesError),
    ),
    h(
      'div',
      { class: 'form-actions' },
      submit,
      options.cancel
        ? h('button', { class: 'button button--secondary', attrs: { type: 'button' }, on: { click: () => options.cancel?.() } }, i18n.t('agenda.form.cancel'))
        : null,
    ),
  );
}

/** The item fields a validation problem names (`body.title` → title). */
function fieldsOf(failure: unknown): Set<string> {
  if (!(failure instanceof ApiError)) return new Set();
  const raw = (failure.problem as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(raw)) return new Set();
  return new Set(raw.flatMap((e: unknown) => (typeof e === 'object' && e !== null && typeof (e as { field?: unknown }).field === 'string' ? [(e as { field: string }).field.split('.')[1] ?? ''] : [])));
}
