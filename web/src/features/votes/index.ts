// Votes in the meeting room (issue 10.8): the chair opens and closes, everyone present votes
// yes / no / abstain, the live count for the chair and the frozen result for all.
export { votePanel } from './vote-panel.ts';
