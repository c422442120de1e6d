// What the minutes state, gathered from the meeting's capabilities (gather-facts.ts) and laid out
// as a PDF (layout/minutes-pdf.ts). Plain data with instants as ISO strings, so the same facts
// always give the same bytes' inputs (the draft cache keys on their hash) and the layout can be
// tested without a database.
import type { VoteCounts, VoteEligibility, VoteMode } from '../contract/votes.ts';

export interface MinutesPerson {
  fullName: string;
  title: string | null;
}

export interface MinutesAttendee extends MinutesPerson {
  unitName: string;
  /** Each presence, joined and left (null: still present when the facts were read). */
  sessions: ReadonlyArray<{ joinedAt: string; leftAt: string | null }>;
}

export interface MinutesFloorTurn extends MinutesPerson {
  unitName: string;
  grantedAt: string;
  endedAt: string | null;
}

export interface MinutesVote {
  question: string;
  /** The agenda item's position, or null for a question put to the whole meeting. */
  agendaPosition: number | null;
  mode: VoteMode;
  eligibility: VoteEligibility;
  /** Null while the vote is still open (the meeting ended without closing it). */
  result: {
    counts: VoteCounts;
    cast: number;
    eligible: number;
    /** Open votes: who chose what ("name (unit)" or "unit (name)"); secret votes: null. */
    names: { yes: string[]; no: string[]; abstain: string[] } | null;
  } | null;
}

export interface MinutesAgendaItem {
  position: number;
  title: string;
  presenter: MinutesPerson | null;
  /** The secretary's conclusion of this item, if any. */
  conclusion: string | null;
}

export interface MinutesFacts {
  /** The organising unit's parent (the managing body), when it has one. */
  parentUnitName: string | null;
  unitName: string;
  /** The locality of the date line ("Hà Nội"). */
  placeName: string;
  /** The date the minutes bear: the meeting's end (or its start when it has not ended). */
  documentDate: string;
  title: string;
  startsAt: string;
  endedAt: string | null;
  /** Where the meeting was held. */
  place: string;
  chair: MinutesPerson;
  secretary: MinutesPerson | null;
  attendees: readonly MinutesAttendee[];
  /** Invited units from which nobody came. */
  absentUnits: readonly string[];
  quorum: { attendedUnits: number; invitedUnits: number };
  agenda: readonly MinutesAgendaItem[];
  floor: readonly MinutesFloorTurn[];
  votes: readonly MinutesVote[];
  conclusions: string;
  /** True for the stored final minutes; a draft says it is one on every page. */
  final: boolean;
}

const LOCALITY_PREFIXES = /^(ủy ban nhân dân|uỷ ban nhân dân|ubnd|thành phố|tỉnh|tp\.?)\s+/iu;

/** "UBND Thành phố Hà Nội" → "Hà Nội": the locality a date line names. */
export function localityOf(rootUnitName: string): string {
  let name = rootUnitName.normalize('NFC').trim();
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(LOCALITY_PREFIXES, '');
  }
  return name || rootUnitName;
}
