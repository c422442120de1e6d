import type { Me, MeetingDetail } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import { alertBox, h, hideAlert, shell, showAlert } from '../../base/ui/index.ts';
import { chairSelect } from './chair-select.ts';
import { meetingFormErrors, type MeetingField } from './form-errors.ts';
import type { MeetingsApi } from './meetings-api.ts';
import { meetingPath, MEETINGS_PATH } from './paths.ts';
import { secretarySelect } from './person-select.ts';
import { unitPicker } from './unit-picker.ts';
import { defaultStart, vietnamLocalOf, vietnamLocalToIso } from './vietnam-time.ts';

export interface MeetingFormDeps {
  readonly services: AppServices;
  readonly meetings: MeetingsApi;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
  /** Editing this meeting (its organisers, while draft or scheduled); absent: a new one. */
  readonly editing?: MeetingDetail;
}

type Submit = 'publish' | 'draft' | 'save';

/**
 * `/meetings/new` and `/meetings/:id/edit`: a clerk or leader schedules a meeting of their own
 * unit (at once, or as a draft to publish later), or edits and reschedules one. The server is the
 * judge of every rule (scope, chair, secretary, lengths, status); the form shows its verdict
 * next to each field.
 */
export async function meetingFormPage(deps: MeetingFormDeps, ctx: RouteContext): Promise<View> {
  const { services, me, editing } = deps;
  const { i18n } = services;
  const unitId = editing?.organiserUnit.id ?? me.unit.id;
  const [tree, users] = await Promise.all([deps.meetings.unitTree(ctx.signal), deps.meetings.unitUsers(unitId, ctx.signal)]);

  const alert = alertBox('meeting-form-error');
  const title = h('input', {
    class: 'field__input',
    testid: 'meeting-title',
    attrs: {
      id: 'meeting-title',
      name: 'title',
      type: 'text',
      required: true,
      maxlength: 300,
      autocomplete: 'off',
      value: editing?.title,
      'aria-describedby': 'meeting-title-error',
    },
  });
  const startsAt = h('input', {
    class: 'field__input',
    testid: 'meeting-starts-at',
    attrs: {
      id: 'meeting-starts-at',
      name: 'startsAt',
      type: 'datetime-local',
      required: true,
      value: editing ? vietnamLocalOf(editing.startsAt) : defaultStart(),
      'aria-describedby': 'meeting-starts-at-hint meeting-starts-at-error',
    },
  });
  const chair = chairSelect(users, me.id, i18n, editing?.chair.id);
  const secretary = secretarySelect(users, editing?.secretary?.id ?? null, i18n);
  const units = unitPicker(tree, i18n, {
    unitIds: editing?.invitedUnits.map((u) => u.id) ?? [],
    includeSubunits: editing?.invitedUnits.some((u) => u.includeSubunits) ?? false,
  });

  const fieldErrors: Record<Exclude<MeetingField, 'invitedUnitIds'>, { input: HTMLElement; message: HTMLElement }> = {
    title: { input: title, message: fieldError('meeting-title-error') },
    startsAt: { input: startsAt, message: fieldError('meeting-starts-at-error') },
    chairId: { input: chair, message: fieldError('meeting-chair-error') },
    secretaryId: { input: secretary, message: fieldError('meeting-secretary-error') },
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

  const submitButton = (kind: Submit, label: string, busyLabel: string, primary: boolean) => {
    const text = h('span', null, label);
    const button = h(
      'button',
      {
        class: `button ${primary ? 'button--primary' : 'button--secondary'}`,
        testid: kind === 'draft' ? 'meeting-save-draft' : 'meeting-submit',
        attrs: { type: 'submit', value: kind },
      },
      text,
    );
    return { kind, button, text, label, busyLabel };
  };
  const submits = editing
    ? [submitButton('save', i18n.t('meetings.form.save'), i18n.t('meetings.form.saving'), true)]
    : [
        submitButton('publish', i18n.t('meetings.form.submit'), i18n.t('meetings.form.submitting'), true),
        submitButton('draft', i18n.t('meetings.form.saveDraft'), i18n.t('meetings.form.submitting'), false),
      ];
  const setBusy = (busy: boolean, pressed?: Submit): void => {
    for (const s of submits) {
      s.button.disabled = busy;
      s.text.textContent = busy && s.kind === pressed ? s.busyLabel : s.label;
    }
    form.setAttribute('aria-busy', String(busy));
  };

  const onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const kind = (submits.find((s) => s.button === event.submitter) ?? submits[0])?.kind ?? 'publish';
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
    setBusy(true, kind);
    const fields = {
      title: title.value.trim(),
      startsAt: start,
      invitedUnitIds: units.selectedIds(),
      includeSubunits: units.includeSubunits(),
      chairId: chair.value,
      secretaryId: secretary.value || null,
    };
    try {
      if (editing) {
        await deps.meetings.update(editing.id, fields);
        await services.navigate(meetingPath(editing.id));
      } else {
        const { id } = await deps.meetings.create({ ...fields, status: kind === 'draft' ? 'draft' : 'scheduled' });
        await services.navigate(`${MEETINGS_PATH}?created=${encodeURIComponent(id)}`);
      }
    } catch (failure) {
      setBusy(false);
      const errors = meetingFormErrors(failure, i18n);
      showAlert(alert, ...errors.summary);
      showFieldErrors(errors.fields);
      const first = (['title', 'startsAt', 'invitedUnitIds', 'chairId', 'secretaryId'] as const).find((f) => errors.fields[f]);
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
    field(
      'meeting-secretary',
      i18n.t('meetings.form.field.secretaryId'),
      secretary,
      fieldErrors.secretaryId.message,
      h('p', { class: 'field__hint', attrs: { id: 'meeting-secretary-hint' } }, i18n.t('meetings.form.secretaryHint')),
    ),
    units.element,
    h(
      'div',
      { class: 'form-actions' },
      ...submits.map((s) => s.button),
      h('a', { class: 'button button--secondary', attrs: { href: editing ? meetingPath(editing.id) : MEETINGS_PATH } }, i18n.t('meetings.form.cancel')),
    ),
  );
  alert.tabIndex = -1;

  const heading = editing ? i18n.t('meetings.form.editTitle') : i18n.t('meetings.form.title');
  const header = h(
    'div',
    { class: 'page-header' },
    h('h1', { class: 'page-header__title', attrs: { id: 'meeting-form-title', tabindex: -1 } }, heading),
    h('p', { class: 'page-header__subtitle' }, i18n.t('meetings.form.subtitle', { unit: editing?.organiserUnit.name ?? me.unit.name })),
  );

  return {
    element: shell({ i18n, actions: deps.userActions(me) }, header, form),
    title: heading,
    focus: () => title.focus(),
  };
}

function fieldError(id: string): HTMLElement {
  return h('p', { class: 'field__error', attrs: { id, hidden: true } });
}

function field(id: string, label: string, input: HTMLElement, error: HTMLElement, hint?: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { class: 'field__label', attrs: { for: id } }, label), hint, input, error);
}
