import type { EndedListener } from '../meetings/index.ts';
import type { Notifier } from '../notifications/index.ts';

/**
 * When a meeting ends its secretary is told that the draft minutes are ready (in the ending
 * transaction, pushed after it commits). Without a secretary, whoever scheduled it is told.
 */
export const notifyDraftReady =
  (notifier: Notifier): EndedListener =>
  async (tx, meeting) =>
    notifier.record(tx, [meeting.secretaryId ?? meeting.createdBy], {
      kind: 'minutes.draft_ready',
      meetingId: meeting.id,
      payload: { title: meeting.title, startsAt: meeting.startsAt.toISOString() },
    });
