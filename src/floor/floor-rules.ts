// What each floor action does to a meeting's active requests (the waiting queue and the
// holder), decided without the database so the rules are tested alone. The service reads the
// active rows under a lock, asks here, and writes the answer in the same transaction.
import type { ProblemCode } from '../errors/index.ts';

export interface ActiveRequest {
  id: string;
  userId: string;
  status: 'waiting' | 'speaking';
  requestedAt: Date;
}

export type FloorAction =
  | { kind: 'raise'; userId: string }
  | { kind: 'lower'; userId: string }
  /** To a waiting request, or to the first in the queue. */
  | { kind: 'grant'; requestId?: string }
  | { kind: 'revoke' }
  | { kind: 'next' }
  /** The person left the meeting: their hand goes down, their floor ends. */
  | { kind: 'release'; userId: string };

export type Ending = 'done' | 'withdrawn' | 'revoked';

export interface FloorDecision {
  /** A new waiting request for this user. */
  raise?: string;
  /** Requests that leave the active set, and how. */
  end: { id: string; status: Ending }[];
  /** The request that now holds the floor. */
  grant?: string;
  /** Holder's user id before and after (null: nobody). */
  holderBefore: string | null;
  holderAfter: string | null;
}

export class FloorRefusal extends Error {
  readonly code: ProblemCode;
  constructor(code: ProblemCode) {
    super(code);
    this.code = code;
  }
}

/** First come, first served: by request time, then id so equal times still have one order. */
export function queueOrder(a: Pick<ActiveRequest, 'id' | 'requestedAt'>, b: Pick<ActiveRequest, 'id' | 'requestedAt'>): number {
  return a.requestedAt.getTime() - b.requestedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function decide(active: readonly ActiveRequest[], action: FloorAction): FloorDecision {
  const holder = active.find((r) => r.status === 'speaking');
  const queue = active.filter((r) => r.status === 'waiting').sort(queueOrder);
  const holderBefore = holder?.userId ?? null;
  const unchanged: FloorDecision = { end: [], holderBefore, holderAfter: holderBefore };
  const handOver = (to: ActiveRequest | undefined, ending: Ending): FloorDecision => ({
    end: holder ? [{ id: holder.id, status: ending }] : [],
    ...(to ? { grant: to.id } : {}),
    holderBefore,
    holderAfter: to?.userId ?? null,
  });

  switch (action.kind) {
    case 'raise':
      // Asking again keeps one's place; the holder has the floor already.
      if (queue.some((r) => r.userId === action.userId) || holder?.userId === action.userId) return unchanged;
      return { ...unchanged, raise: action.userId };
    case 'lower': {
      const mine = queue.find((r) => r.userId === action.userId);
      return mine ? { ...unchanged, end: [{ id: mine.id, status: 'withdrawn' }] } : unchanged;
    }
    case 'grant': {
      const to = action.requestId === undefined ? queue[0] : queue.find((r) => r.id === action.requestId);
      if (!to) throw new FloorRefusal(action.requestId === undefined ? 'floor.queue_empty' : 'floor.not_waiting');
      return handOver(to, 'done');
    }
    case 'revoke':
      return holder ? handOver(undefined, 'revoked') : unchanged;
    case 'next':
      return holder || queue[0] ? handOver(queue[0], 'done') : unchanged;
    case 'release': {
      const end: FloorDecision['end'] = [];
      for (const r of queue) if (r.userId === action.userId) end.push({ id: r.id, status: 'withdrawn' });
      if (holder?.userId === action.userId) end.push({ id: holder.id, status: 'done' });
      return { end, holderBefore, holderAfter: holder?.userId === action.userId ? null : holderBefore };
    }
  }
}
