import { ApiError, type MeetingAction, type MeetingDetail } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { alertBox, h, hideAlert, showAlert } from '../../base/ui/index.ts';
import { roomIsOpen } from './meeting-status.ts';
import type { MeetingsApi } from './meetings-api.ts';
import { editMeetingPath, minutesPath, roomPath } from './paths.ts';

type StatusAction = Exclude<MeetingAction, 'edit'>;

interface Step {
  /** Asks first (what happens, and for a cancel the reason) before doing it. */
  confirm: { question: `meetings.confirm.${StatusAction}`; withReason?: boolean };
  label: `meetings.action.${StatusAction}`;
  primary?: boolean;
  danger?: boolean;
  run(api: MeetingsApi, id: string, reason: string): Promise<MeetingDetail>;
}

// The server says which actions the caller may take now (`actions`); this says how each is offered.
const STEPS: Record<StatusAction, Step> = {
  publish: { label: 'meetings.action.publish', primary: true, confirm: { question: 'meetings.confirm.publish' }, run: (api, id) => api.publish(id) },
  end: { label: 'meetings.action.end', danger: true, confirm: { question: 'meetings.confirm.end' }, run: (api, id) => api.end(id) },
  close: { label: 'meetings.action.close', confirm: { question: 'meetings.confirm.close' }, run: (api, id) => api.close(id) },
  cancel: { label: 'meetings.action.cancel', danger: true, confirm: { question: 'meetings.confirm.cancel', withReason: true }, run: (api, id, reason) => api.cancel(id, reason) },
};

/**
 * The buttons of a meeting's page: into the room, edit, and the status changes the caller may
 * make, each confirmed in place (no browser dialog: tablets and screen readers handle an inline
 * question better). A refusal shows the server's message; success hands back the new detail.
 */
export function meetingActionsBar(meeting: MeetingDetail, deps: { i18n: I18n; meetings: MeetingsApi; onChanged(detail: MeetingDetail): void }): HTMLElement {
  const { i18n } = deps;
  const alert = alertBox('meeting-action-error');
  const confirmSlot = h('div');
  const buttons = h('div', { class: 'form-actions meeting-actions' });

  if (roomIsOpen(meeting.status)) {
    buttons.append(h('a', { class: 'button button--primary', testid: 'meeting-join', attrs: { href: roomPath(meeting.id) } }, i18n.t('meetings.join')));
  }
  if (meeting.actions.includes('edit')) {
    buttons.append(h('a', { class: 'button button--secondary', testid: 'meeting-edit', attrs: { href: editMeetingPath(meeting.id) } }, i18n.t('meetings.action.edit')));
  }
  // The minutes: for those preparing them once the meeting ended, for every invitee once closed.
  if ((meeting.status === 'ended' && meeting.myRole !== 'participant') || meeting.status === 'closed') {
    buttons.append(h('a', { class: 'button button--secondary', testid: 'meeting-minutes', attrs: { href: minutesPath(meeting.id) } }, i18n.t('meetings.minutes')));
  }
  for (const action of ['publish', 'end', 'close', 'cancel'] as const) {
    if (!meeting.actions.includes(action)) continue;
    const step = STEPS[action];
    const kind = step.primary ? 'button--primary' : step.danger ? 'button--danger' : 'button--secondary';
    buttons.append(
      h('button', { class: `button ${kind}`, testid: `meeting-${action}`, attrs: { type: 'button' }, on: { click: () => ask(action, step) } }, i18n.t(step.label)),
    );
  }

  function ask(action: string, step: Step): void {
    hideAlert(alert);
    const reason = step.confirm.withReason
      ? h('textarea', { class: 'field__input field__textarea', testid: 'meeting-cancel-reason', attrs: { id: 'meeting-cancel-reason', maxlength: 500, rows: 3 } })
      : null;
    const go = h('button', { class: `button ${step.danger ? 'button--danger' : 'button--primary'}`, testid: `meeting-${action}-confirm`, attrs: { type: 'submit' } }, i18n.t(step.label));
    const back = h('button', { class: 'button button--secondary', attrs: { type: 'button' }, on: { click: () => confirmSlot.replaceChildren() } }, i18n.t('meetings.confirm.back'));
    const form = h(
      'form',
      {
        class: 'meeting-confirm card',
        testid: 'meeting-confirm',
        on: {
          submit: async (event) => {
            event.preventDefault();
            go.disabled = true;
            try {
              deps.onChanged(await step.run(deps.meetings, meeting.id, reason?.value.trim() ?? ''));
            } catch (error) {
              go.disabled = false;
              const message = error instanceof ApiError ? (error.isNetworkError ? i18n.t('error.network') : (error.problem?.title ?? i18n.t('error.unexpected'))) : i18n.t('error.unexpected');
              showAlert(alert, message);
            }
          },
        },
      },
      h('p', { class: 'meeting-confirm__question', attrs: { role: 'status' } }, i18n.t(step.confirm.question)),
      reason ? h('div', { class: 'field' }, h('label', { class: 'field__label', attrs: { for: 'meeting-cancel-reason' } }, i18n.t('meetings.confirm.reason')), reason) : null,
      h('div', { class: 'form-actions' }, go, back),
    );
    confirmSlot.replaceChildren(form);
    (reason ?? go).focus();
  }

  return h('div', { class: 'meeting-actions-bar' }, alert, buttons.childElementCount > 0 ? buttons : null, confirmSlot);
}
