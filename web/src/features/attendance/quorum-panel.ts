import { ApiClient } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { meetingCard } from '../../base/meeting/meeting-card.ts';
import type { MeetingLink } from '../../base/meeting/index.ts';
import { h } from '../../base/ui/index.ts';
import type { AttendanceSheet, Quorum } from '../../../../src/contract/attendance.ts';
import { attendanceApiPath, attendancePath } from './paths.ts';

/**
 * The chair's quorum in the room: present invited units over invited units and people present,
 * read once from the attendance sheet and then kept current by the server's pushes. The sheet
 * opens in another tab: leaving the room page would leave the meeting.
 */
export function quorumPanel(link: MeetingLink, i18n: I18n): { element: HTMLElement; destroy(): void } {
  const { meetingId } = link;
  const api = new ApiClient({ getLanguage: () => i18n.language });
  const card = meetingCard({ testid: 'quorum-panel', title: i18n.t('attendance.sheetLink'), id: 'quorum-panel' });
  let quorum: Quorum | null = null;

  const render = (): void => {
    card.element.hidden = !link.me?.isChair;
    card.body.replaceChildren(
      quorum
        ? h(
            'p',
            { testid: 'quorum', attrs: { 'data-present-units': quorum.presentUnits, 'data-invited-units': quorum.invitedUnits, 'aria-live': 'polite' } },
            i18n.t('attendance.quorum', {
              present: quorum.presentUnits,
              invited: quorum.invitedUnits,
              percent: Math.round(quorum.ratio * 100),
              people: quorum.presentPeople,
            }),
          )
        : '',
      h('a', { class: 'card-button quorum__link', testid: 'attendance-link', attrs: { href: attendancePath(meetingId), target: '_blank', rel: 'noopener' } }, i18n.t('attendance.sheetLink')),
    );
  };

  const refresh = (): void => {
    if (!link.me?.isChair) return render();
    api.get<AttendanceSheet>(attendanceApiPath(meetingId)).then(
      (sheet) => {
        quorum = sheet.quorum;
        render();
      },
      () => render(),
    );
  };

  const unsubscribe = link.onNotification((n) => {
    if (n.method !== 'attendanceUpdated' || n.data.meetingId !== meetingId) return;
    quorum = n.data.quorum;
    render();
  });
  const unjoined = link.onJoined(refresh);
  refresh();

  return {
    element: card.element,
    destroy() {
      unsubscribe();
      unjoined();
    },
  };
}
