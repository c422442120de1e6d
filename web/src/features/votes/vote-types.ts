// The vote shapes of the server's contract (types only: no server code in the bundle), and
// their value lists repeated for the form's options.
export type { LiveTally, Vote, VoteChoice, VoteEligibility, VoteMode, VoteView } from '../../../../src/contract/votes.ts';
import type { VoteChoice, VoteEligibility, VoteMode } from '../../../../src/contract/votes.ts';

export const VOTE_CHOICES: readonly VoteChoice[] = ['yes', 'no', 'abstain'];
export const VOTE_MODES: readonly VoteMode[] = ['open', 'secret'];
export const VOTE_ELIGIBILITIES: readonly VoteEligibility[] = ['person', 'unit'];
