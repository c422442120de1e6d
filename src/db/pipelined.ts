// Statements of one transaction that do not need each other's answers are sent without waiting
// for each answer: the driver writes them together and the database runs them in the order they
// were issued, so a signature's transaction waits for eight round trips instead of sixteen (on a
// Postgres server each write to its socket was the largest item of the event loop's work,
// BENCHMARKS.md, batch signing).

/**
 * Waits for every statement already issued (in the order given) and answers their results, or
 * throws the first failure in that order — only once all have settled, so no statement is still
 * running when the caller's transaction rolls back. Issue them in the order the database must
 * run them: a later statement may rely on an earlier one's effect, never on its answer.
 */
export async function pipelined<T extends readonly unknown[]>(...statements: { [K in keyof T]: PromiseLike<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(statements);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
