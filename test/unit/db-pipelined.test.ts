// pipelined (src/db/pipelined.ts): statements sent together are waited for together; its refusal
// comes only once nothing is running, so the caller's rollback never overtakes a statement.
import { describe, expect, it } from 'vitest';
import { pipelined } from '../../src/db/pipelined.ts';

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const failAfter = (ms: number, message: string) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), ms));

describe('pipelined', () => {
  it('answers every result, in the order the statements were given', async () => {
    const [a, b, c] = await pipelined(after(20, 'first'), after(1, 2), Promise.resolve([3]));
    expect([a, b, c]).toEqual(['first', 2, [3]]);
  });

  it('throws the first failure in the order given, not the first to happen', async () => {
    await expect(pipelined(failAfter(20, 'earlier statement'), failAfter(1, 'later statement'))).rejects.toThrow('earlier statement');
  });

  it('throws only once every statement has settled', async () => {
    let slowDone = false;
    const slow = after(30, null).then(() => {
      slowDone = true;
    });
    await expect(pipelined(failAfter(1, 'refused'), slow)).rejects.toThrow('refused');
    expect(slowDone).toBe(true);
  });
});
