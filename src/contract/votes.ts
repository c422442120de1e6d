import { z } from 'zod';
import { delegateSchema } from './attendance.ts';

// Votes (issue 10.8): per agenda item, yes / no / abstain, open (names shown) or secret (the
// tally and who voted, never who voted what), one ballot per person or per unit, changeable
// until the chair closes the vote; results frozen at close.

export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export const VOTE_MODES = ['open', 'secret'] as const;
export type VoteMode = (typeof VOTE_MODES)[number];
/** One ballot per person present, or one per unit (site) present — the chair chooses. */
export const VOTE_ELIGIBILITIES = ['person', 'unit'] as const;
export type VoteEligibility = (typeof VOTE_ELIGIBILITIES)[number];
export const VOTE_STATUSES = ['open', 'closed'] as const;

export const voteCountsSchema = z.object({ yes: z.int().min(0), no: z.int().min(0), abstain: z.int().min(0) });
export type VoteCounts = z.infer<typeof voteCountsSchema>;

/** Who cast a ballot (for a unit ballot: the unit, and the person who cast it last). */
export const voterSchema = delegateSchema.extend({
  /** Null in a secret vote: never who voted what. */
  choice: z.enum(VOTE_CHOICES).nullable(),
});
export type Voter = z.infer<typeof voterSchema>;

export const voteResultSchema = z.object({
  counts: voteCountsSchema,
  /** Ballots cast. */
  cast: z.int().min(0),
  /** Voters who could vote at close: present (persons, or invited units), or who had voted. */
  eligible: z.int().min(0),
  voters: z.array(voterSchema),
});
export type VoteResult = z.infer<typeof voteResultSchema>;

export const voteSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  agendaItemId: z.uuid().nullable(),
  question: z.string(),
  mode: z.enum(VOTE_MODES),
  eligibility: z.enum(VOTE_ELIGIBILITIES),
  status: z.enum(VOTE_STATUSES),
  openedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  /** Frozen at close; null while open. */
  result: voteResultSchema.nullable(),
});
export type Vote = z.infer<typeof voteSchema>;

/** The chair's live count of an open vote; a secret vote shows only how many voted until it closes. */
export const liveTallySchema = z.object({
  voteId: z.uuid(),
  cast: z.int().min(0),
  /** Eligible voters present now. */
  present: z.int().min(0),
  counts: voteCountsSchema.nullable(),
});
export type LiveTally = z.infer<typeof liveTallySchema>;

export const myBallotSchema = z.object({
  /** Null once a secret vote has closed: the choice is no longer tied to anyone, not even here. */
  choice: z.enum(VOTE_CHOICES).nullable(),
  castAt: z.iso.datetime(),
});
export type MyBallot = z.infer<typeof myBallotSchema>;

/** A vote as one caller sees it: their own ballot, and the live count when they chair it. */
export const voteViewSchema = voteSchema.extend({
  myBallot: myBallotSchema.nullable(),
  live: liveTallySchema.nullable(),
});
export type VoteView = z.infer<typeof voteViewSchema>;

export const voteRequestSchema = z.discriminatedUnion('method', [
  /** The chair opens a vote (one open vote per meeting at a time); the item defaults to the current one. */
  z.object({
    method: z.literal('openVote'),
    data: z.object({
      meetingId: z.uuid(),
      agendaItemId: z.uuid().nullable().optional(),
      question: z.string().trim().min(1).max(500),
      mode: z.enum(VOTE_MODES),
      eligibility: z.enum(VOTE_ELIGIBILITIES),
    }),
  }),
  /** A participant present in the room casts or changes a ballot while the vote is open. */
  z.object({ method: z.literal('castBallot'), data: z.object({ voteId: z.uuid(), choice: z.enum(VOTE_CHOICES) }) }),
  /** The chair closes the vote: the result is frozen. Closing a closed vote answers its result. */
  z.object({ method: z.literal('closeVote'), data: z.object({ voteId: z.uuid() }) }),
  /** The meeting's votes, as the caller sees them. Anyone invited. */
  z.object({ method: z.literal('getVotes'), data: z.object({ meetingId: z.uuid() }) }),
]);
export type VoteRequest = z.infer<typeof voteRequestSchema>;

export interface VoteResponseData {
  openVote: VoteView;
  castBallot: { voteId: string; choice: VoteChoice; castAt: string };
  closeVote: Vote;
  getVotes: { votes: VoteView[] };
}

export type VoteNotification =
  /** To the meeting's audience. */
  | { method: 'voteOpened'; data: Vote }
  /** To the meeting's audience, with the frozen result. */
  | { method: 'voteClosed'; data: Vote }
  /** To the chair, throttled: hundreds of ballots make a few pushes a second, not one each. */
  | { method: 'voteTally'; data: LiveTally };
