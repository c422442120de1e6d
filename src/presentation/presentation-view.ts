import type { Principal } from '../auth/index.ts';
import type { PresentationResponseData } from '../contract/presentation.ts';
import type { Tx } from '../db/index.ts';
import { assertInvited } from '../meetings/index.ts';
import { mayLead } from './leaders.ts';
import { readPresentation } from './presentation-state.ts';

/**
 * What an invited caller sees: the presentation, and whether they may lead it now. Outside the
 * live meeting nobody presents (what was presented last stays in the row, not on tablets).
 */
export async function presentationView(db: Tx, principal: Principal, meetingId: string): Promise<PresentationResponseData['getPresentation']> {
  const meeting = await assertInvited(db, principal, meetingId);
  const [state, leads] = await Promise.all([readPresentation(db, meetingId), mayLead(db, meeting, principal.id)]);
  const live = meeting.status === 'live';
  return { ...state, presentation: live ? state.presentation : null, canLead: leads && live };
}
