// Votes (issue 10.8): per agenda item, open or secret, one ballot per person or per unit,
// changeable until close; the result frozen at close and a recount from what is stored.
export { withoutAgenda, type AgendaItems } from './agenda-port.ts';
export { castBallot, type Voter } from './cast-ballot.ts';
export { closeOpenVotes } from './close-open-votes.ts';
export { closeVote } from './close-vote.ts';
export { LiveTallies } from './live-tallies.ts';
export { openVote, type OpenVoteInput } from './open-vote.ts';
export { recount } from './recount.ts';
export { getVoteRow, liveTally, meetingVotes, toVote, votesFor } from './vote-views.ts';
export type { VoteRow } from './votes.table.ts';
