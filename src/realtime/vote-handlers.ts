// The votes' socket methods (src/contract/votes.ts). The chair opens and closes; anyone in the
// room votes. A ballot's choice goes back only to its voter; the chair's live count is pushed
// throttled; the result goes to the whole meeting at close. Nothing here logs a choice.
import type { VoteRequest } from '../contract/votes.ts';
import { AppError } from '../errors/index.ts';
import { liveState } from '../meetings/index.ts';
import { castBallot, closeVote, getVoteRow, liveTally, openVote, toVote, votesFor } from '../votes/index.ts';
import { assertChair } from './meeting-roles.ts';
import type { Handlers } from './request-context.ts';

export const voteHandlers: Pick<Handlers, VoteRequest['method']> = {
  openVote: async (ctx, d) => {
    const meeting = await assertChair(ctx, d.meetingId);
    if (meeting.status === 'ended' || meeting.status === 'closed') throw new AppError('meeting.ended');
    const agendaItemId = d.agendaItemId ?? (await ctx.agenda.currentItem(d.meetingId));
    if (agendaItemId) await ctx.agenda.assertItem(d.meetingId, agendaItemId);
    const row = await openVote(ctx.db, {
      meetingId: d.meetingId,
      agendaItemId,
      question: d.question,
      mode: d.mode,
      eligibility: d.eligibility,
      openedBy: ctx.principal.id,
    });
    const vote = toVote(row);
    ctx.pusher.toMeeting(d.meetingId, { method: 'voteOpened', data: vote });
    return { ...vote, myBallot: null, live: await liveTally(ctx.db, row) };
  },
  castBallot: async (ctx, { voteId, choice }) => {
    const { id: userId, unit } = ctx.principal;
    const { castAt } = await castBallot(ctx.db, { voteId, voter: { userId, unitId: unit.id, unitPath: unit.path }, choice });
    ctx.tallies.changed(voteId);
    return { voteId, choice, castAt: castAt.toISOString() };
  },
  closeVote: async (ctx, { voteId }) => {
    const before = await getVoteRow(ctx.db, voteId);
    await assertChair(ctx, before.meetingId);
    const vote = toVote(await closeVote(ctx.db, { voteId, closedBy: ctx.principal.id }));
    if (before.status === 'open') ctx.pusher.toMeeting(before.meetingId, { method: 'voteClosed', data: vote });
    return vote;
  },
  getVotes: async (ctx, { meetingId }) => {
    await ctx.facts.assertInvited(ctx.principal, meetingId);
    const { chairId } = await liveState(ctx.db, meetingId);
    return { votes: await votesFor(ctx.db, meetingId, { userId: ctx.principal.id, isChair: chairId === ctx.principal.id }) };
  },
};
