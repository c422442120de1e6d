import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import { alertBox, h, hideAlert, shell, showAlert } from '../../base/ui/index.ts';
import { chairSelect } from './chair-select.ts';
import { meetingFormErrors, type MeetingField } from './form-errors.ts';
import type { MeetingsApi } from './meetings-api.ts';
import { MEETINGS_PATH } from './paths.ts';
import { unitPicker } from './unit-picker.ts';
import { defaultStart, vietnamLocalToIso } from './vietnam-time.ts';

export interface MeetingFormDeps {
  readonly services: AppServices;
  readonly meetings: MeetingsApi;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
}

/**
 * `/meetings/new`: a clerk or leader schedules a meeting of their own unit. The server is the
 * judge of every rule (scope, chair, lengths); the form shows its verdict next to each field.
 */
export async function meetingFormPage(deps: MeetingFormDeps, ctx: RouteContext): Promise<View> {
  const { services, me } = deps;
  const { i18n } = services;
  const [tree, users] = await Promise.all([deps.meetings.unitTree(ctx.signal), deps.meetings.unitUsers(me.unit.id, ctx.signal)]);

  const alert = alertBox('meeting-form-error');
  const title = h('input', {
    class: 'field__input',
    testid: 'meeting-title',
    attrs: { id: 'meeting-title', name: 'title', type: 'text', required: true, maxlength: 300, autocomplete: 'off', 'aria-describedby': 'meeting-title-error' },
  });
  const startsAt = h('input', {
    class: 'field__input',
    testid: 'meeting-starts-at',
    attrs: { id: 'meeting-starts-at', name: 'startsAt', type: 'datetime-local', required: true, value: defaultStart(), 'aria-describedby': 'meeting-starts-at-hint meeting-starts-at-error' },
  });
  const chair = chairSelect(users, me.id, i18n);
  const units = unitPicker(tree, i18n);

  const fieldErrors: Record<Exclude<MeetingField, 'invitedUnitIds'>, { input: HTMLElement; message: HTMLElement }> = {
    title: { input: title, message: fieldError('meeting-title-error') },
    startsAt: { input: startsAt, message: fieldError('meeting-starts-at-error') },
    chairId: { input: chair, message: fieldError('meeting-chair-error') },
  };

  // A corrected field stops saying it is wrong as soon as it changes.
  for (const { input, message } of Object.values(fieldErrors)) {
    const clear = (): void => {
      message.hidden = true;
      input.setAttribute('aria-invalid', 'false');
    };
    input.addEventListener('input', clear);
    input.addEventListener('change', clear);
  }

  const showFieldErrors = (fields: Partial<Record<MeetingField, string>>): void => {
    for (const [name, { input, message }] of Object.entries(fieldErrors)) {
      const text = fields[name as MeetingField];
      message.textContent = text ?? '';
      message.hidden = !text;
      input.setAttribute('aria-invalid', String(Boolean(text)));
    }
    units.setError(fields.invitedUnitIds ?? null);
  };

  const submitLabel = h('span', null, i18n.t('meetings.form.submit'));
  const submit = h('button', { class: 'button button--primary', testid: 'meeting-submit', attrs: { type: 'submit' } }, submitLabel);
  const setBusy = (busy: boolean): void => {
    submit.disabled = busy;
    form.setAttribute('aria-busy', String(busy));
    submitLabel.textContent = i18n.t(busy ? 'meetings.form.submitting' : 'meetings.form.submit');
  };

  const onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    hideAlert(alert);
    showFieldErrors({});
    // The only check made here: without a valid local time there is no instant to send.
    const start = vietnamLocalToIso(startsAt.value);
    if (!start) {
      showFieldErrors({ startsAt: i18n.t('meetings.form.errorStartsAt') });
      showAlert(alert, i18n.t('meetings.form.errorStartsAt'));
      startsAt.focus();
      return;
    }
    setBusy(true);
    try {
      const { id } = await deps.meetings.create({
        title: title.value.trim(),
        startsAt: start,
        invitedUnitIds: units.selectedIds(),
        includeSubunits: units.includeSubunits(),
        chairId: chair.value,
      });
      await services.navigate(`${MEETINGS_PATH}?created=${encodeURIComponent(id)}`);
    } catch (failure) {
      setBusy(false);
      const errors = meetingFormErrors(failure, i18n);
      showAlert(alert, ...errors.summary);
      showFieldErrors(errors.fields);
      const first = (['title', 'startsAt', 'invitedUnitIds', 'chairId'] as const).find((f) => errors.fields[f]);
      if (first === 'invitedUnitIds') units.focus();
      else if (first) fieldErrors[first].input.focus();
      else alert.focus();
    }
  };

  // novalidate: the browser's bubbles speak the browser's language, not the UI's (as on login).
  const form = h(
    'form',
    { class: 'meeting-form card', attrs: { novalidate: true, 'aria-labelledby': 'meeting-form-title' }, on: { submit: (e) => void onSubmit(e) } },
    alert,
    field('meeting-title', i18n.t('meetings.form.field.title'), title, fieldErrors.title.message),
    field(
      'meeting-starts-at',
      i18n.t('meetings.form.field.startsAt'),
      startsAt,
      fieldErrors.startsAt.message,
      h('p', { class: 'field__hint', attrs: { id: 'meeting-starts-at-hint' } }, i18n.t('meetings.form.startsAtHint')),
    ),
    field('meeting-chair', i18n.t('meetings.form.field.chairId'), chair, fieldErrors.chairId.message),
    units.element,
    h(
      'div',
      { class: 'form-actions' },
      submit,
      h('a', { class: 'button button--secondary', attrs: { href: MEETINGS_PATH } }, i18n.t('meetings.form.cancel')),
    ),
  );
  alert.tabIndex = -1;

  const header = h(
    'div',
    { class: 'page-header' },
    h('h1', { class: 'page-header__title', attrs: { id: 'meeting-form-title', tabindex: -1 } }, i18n.t('meetings.form.title')),
    h('p', { class: 'page-header__subtitle' }, i18n.t('meetings.form.subtitle', { unit: me.unit.name })),
  );

  return {
    element: shell({ i18n, actions: deps.userActions(me) }, header, form),
    title: i18n.t('meetings.form.title'),
    focus: () => title.focus(),
  };
}

function fieldError(id: string): HTMLElement {
  return h('p', { class: 'field__error', attrs: { id, hidden: true } });
}

function field(id: string, label: string, input: HTMLElement, error: HTMLElement, hint?: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { class: 'field__label', attrs: { for: id } }, label), hint, input, error);
}
