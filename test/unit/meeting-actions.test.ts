// Who may do what to a meeting in which status (src/meetings/meeting-actions.ts), without a
// database: the table the detail's `actions` and every lifecycle route share, and which code
// each refusal carries (the caller's part first, then the status).
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.ts';
import type { MeetingAction, MeetingStatus } from '../../src/contract/meetings.ts';
import { AppError } from '../../src/errors/app-error.ts';
import { allowedActions, assertAllowed } from '../../src/meetings/meeting-actions.ts';

const ORGANISER_UNIT = '00000000-0000-4000-8000-00000000000a';
const OTHER_UNIT = '00000000-0000-4000-8000-00000000000b';

const person = (id: string, roles: Principal['roles'], unitId = ORGANISER_UNIT): Principal => ({
  id,
  username: id,
  fullName: id,
  title: null,
  roles,
  unit: { id: unitId, code: unitId.slice(-1), name: 'Unit', level: 'district', path: `/${unitId}/` },
});

const chair = person('chair', ['leader']);
const memberChair = person('member-chair', ['member']);
const clerk = person('clerk', ['clerk']);
const secretary = person('secretary', ['member']);
const staff = person('staff', ['member']);
const otherClerk = person('other-clerk', ['clerk'], OTHER_UNIT);

const meeting = (status: MeetingStatus, chairId = chair.id) => ({ status, chairId, secretaryId: secretary.id, organiserUnitId: ORGANISER_UNIT });

const refusal = (status: MeetingStatus, who: Principal, action: MeetingAction, chairId?: string): string | null => {
  try {
    assertAllowed(meeting(status, chairId), who, action);
    return null;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
};

describe('meeting actions', () => {
  it('offers each part what it may do in each status', () => {
    const table = Object.fromEntries(
      (['draft', 'scheduled', 'live', 'ended', 'closed', 'cancelled'] as const).map((status) => [
        status,
        {
          clerk: allowedActions(meeting(status), clerk),
          chair: allowedActions(meeting(status, memberChair.id), memberChair),
          secretary: allowedActions(meeting(status), secretary),
          staff: allowedActions(meeting(status), staff),
          otherClerk: allowedActions(meeting(status), otherClerk),
        },
      ]),
    );
    expect(table).toEqual({
      draft: { clerk: ['edit', 'publish', 'cancel'], chair: [], secretary: [], staff: [], otherClerk: [] },
      scheduled: { clerk: ['edit', 'cancel'], chair: [], secretary: [], staff: [], otherClerk: [] },
      live: { clerk: [], chair: ['end'], secretary: [], staff: [], otherClerk: [] },
      ended: { clerk: ['close'], chair: [], secretary: ['close'], staff: [], otherClerk: [] },
      closed: { clerk: [], chair: [], secretary: [], staff: [], otherClerk: [] },
      cancelled: { clerk: [], chair: [], secretary: [], staff: [], otherClerk: [] },
    });
    // A chair who is also a leader of the organising unit organises it too.
    expect(allowedActions(meeting('ended'), chair)).toEqual(['close']);
    expect(allowedActions(meeting('scheduled'), chair)).toEqual(['edit', 'cancel']);
  });

  it('refuses with the part’s code before the status’s', () => {
    expect(refusal('live', otherClerk, 'edit')).toBe('meeting.not_organiser');
    expect(refusal('live', clerk, 'edit')).toBe('meeting.not_editable');
    expect(refusal('live', clerk, 'cancel')).toBe('meeting.not_editable');
    expect(refusal('scheduled', clerk, 'publish')).toBe('meeting.not_draft');
    expect(refusal('scheduled', staff, 'publish')).toBe('meeting.not_organiser');
    expect(refusal('live', clerk, 'end')).toBe('meeting.not_chair');
    expect(refusal('scheduled', chair, 'end')).toBe('meeting.not_live');
    expect(refusal('ended', staff, 'close')).toBe('meeting.not_secretary');
    expect(refusal('live', secretary, 'close')).toBe('meeting.not_ended');
    expect(refusal('closed', secretary, 'close')).toBe('meeting.not_ended');
    expect(refusal('ended', secretary, 'close')).toBeNull();
    expect(refusal('live', chair, 'end')).toBeNull();
  });

  it('says in which status the meeting was', () => {
    try {
      assertAllowed(meeting('cancelled'), clerk, 'edit');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).extra).toEqual({ meetingStatus: 'cancelled' });
    }
  });
});
