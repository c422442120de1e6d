import type { Db } from '../db/index.ts';

/**
 * An open transaction (what `db.transaction(fn)` hands `fn`), never the database itself: an
 * append takes the chain head's row lock, which only means something inside a transaction.
 */
export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];
