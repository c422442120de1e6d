// Counting ballots and the shuffle secret choices are stored in, without a database.
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countChoices, countsFromGroups, eligibleAtClose, shuffled } from '../../src/votes/tally.ts';

describe('vote tally', () => {
  it('counts yes, no and abstain; an unlinked (null) choice counts for nothing', () => {
    expect(countChoices(['yes', 'no', 'yes', 'abstain', null, 'yes'])).toEqual({ yes: 3, no: 1, abstain: 1 });
    expect(countChoices([])).toEqual({ yes: 0, no: 0, abstain: 0 });
  });

  it('reads grouped counts, which drivers may hand back as strings', () => {
    expect(countsFromGroups([{ choice: 'no', n: '4' as unknown as number }, { choice: 'yes', n: 2 }, { choice: null, n: 7 }])).toEqual({ yes: 2, no: 4, abstain: 0 });
  });

  it('shuffles into another order with the same ballots', () => {
    const ballots = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? 'yes' : i % 3 === 1 ? 'no' : 'abstain'));
    const mixed = shuffled(ballots, (below) => randomInt(below));
    expect(countChoices(mixed)).toEqual(countChoices(ballots));
    // The cast order (yes, no, abstain, yes, …) does not survive: far fewer than 600 positions keep their ballot.
    const kept = mixed.filter((c, i) => c === ballots[i]).length;
    expect(kept).toBeLessThan(300);
    // Every permutation is reachable: a fixed "random" walks Fisher–Yates exactly.
    expect(shuffled(['a', 'b', 'c'], () => 0)).toEqual(['b', 'c', 'a']);
  });

  it('counts as eligible at close those present and those who voted then left, once each', () => {
    expect(eligibleAtClose(['u1', 'u2', 'u3'], ['u2', 'u4'])).toBe(4);
  });
});
