import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { MeetingStatus } from '../../base/api/index.ts';

/** Statuses in which the room can be entered; an ended or closed meeting has no room any more. */
export function roomIsOpen(status: MeetingStatus): boolean {
  return status === 'scheduled' || status === 'live';
}

export function statusBadge(status: MeetingStatus, i18n: I18n): HTMLElement {
  return h('span', { class: `status-badge status-badge--${status}`, attrs: { 'data-status': status } }, i18n.t(`meetings.status.${status}`));
}
