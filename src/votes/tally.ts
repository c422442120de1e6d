// Counting ballots, and the order secret choices are stored in. Pure, so the counting rules are
// tested alone; the services feed them rows.
import type { VoteChoice, VoteCounts } from '../contract/votes.ts';

/** Yes / no / abstain counts; a null choice (a secret ballot already unlinked) counts for nothing. */
export function countChoices(choices: Iterable<VoteChoice | null>): VoteCounts {
  const counts: VoteCounts = { yes: 0, no: 0, abstain: 0 };
  for (const c of choices) if (c) counts[c]++;
  return counts;
}

/** Grouped counts (`select choice, count(*) … group by choice`) as VoteCounts. */
export function countsFromGroups(groups: Iterable<{ choice: VoteChoice | null; n: number }>): VoteCounts {
  const counts: VoteCounts = { yes: 0, no: 0, abstain: 0 };
  for (const g of groups) if (g.choice) counts[g.choice] += Number(g.n);
  return counts;
}

/**
 * A uniformly random order (Fisher–Yates with crypto-grade randomness): secret choices are
 * written in it, so the order rows lie on disk says nothing about the order ballots came in.
 */
export function shuffled<T>(items: readonly T[], randomInt: (below: number) => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Voters eligible at close: those present then, and anyone who voted and left before the close. */
export function eligibleAtClose(presentKeys: Iterable<string>, castKeys: Iterable<string>): number {
  return new Set([...presentKeys, ...castKeys]).size;
}
