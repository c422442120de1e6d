// A ballot that fails in the database must not carry the voter next to the choice into the
// log: drizzle's query error lists the query's parameters in its message.
import { inspect } from 'node:util';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../src/db/index.ts';
import { AppError } from '../../src/errors/app-error.ts';
import { castBallot } from '../../src/votes/index.ts';

describe('a ballot the database fails', () => {
  it('is answered `internal` with the database error code, never the parameters', async () => {
    const voter = { userId: '00000000-0000-4000-8000-0000000000a1', unitId: '00000000-0000-4000-8000-0000000000b1', unitPath: '/x/' };
    const failing = () => {
      throw new DrizzleQueryError('insert into "ballots" … values ($1, $2, $3, $4, $5)', ['vote', voter.userId, voter.unitId, 'abstain'], Object.assign(new Error('deadlock detected'), { code: '40P01' }));
    };
    const db = { select: failing, insert: failing } as unknown as Tx;
    const err = await castBallot(db, { voteId: '00000000-0000-4000-8000-000000000001', voter, choice: 'abstain' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('internal');
    const logged = inspect(err, { depth: 10 });
    expect(logged).toContain('40P01');
    expect(logged).not.toContain(voter.userId);
    expect(logged).not.toContain('abstain');
  });
});
