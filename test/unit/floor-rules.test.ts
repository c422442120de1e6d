// The floor queue's rules without a database: one FIFO queue, one holder, the chair's grant to
// the first or to anyone waiting, revoke and next, hands lowered, and a leaver released.
import { describe, expect, it } from 'vitest';
import { decide, FloorRefusal, queueOrder, type ActiveRequest, type FloorAction } from '../../src/floor/floor-rules.ts';

const at = (s: number) => new Date(Date.UTC(2025, 2, 14, 9, 0, s));
const waiting = (id: string, userId: string, s: number): ActiveRequest => ({ id, userId, status: 'waiting', requestedAt: at(s) });
const speaking = (id: string, userId: string, s: number): ActiveRequest => ({ id, userId, status: 'speaking', requestedAt: at(s) });

/** Applies decisions to an in-memory list, as the service does to rows. */
function run(actions: FloorAction[]): { active: ActiveRequest[]; holders: (string | null)[] } {
  let active: ActiveRequest[] = [];
  let seq = 0;
  const holders: (string | null)[] = [];
  for (const action of actions) {
    const d = decide(active, action);
    const ended = new Set(d.end.map((e) => e.id));
    active = active.filter((r) => !ended.has(r.id));
    if (d.raise) active.push(waiting(`r${++seq}`, d.raise, seq));
    if (d.grant) active = active.map((r) => (r.id === d.grant ? { ...r, status: 'speaking' } : r));
    holders.push(active.find((r) => r.status === 'speaking')?.userId ?? null);
    expect(d.holderAfter).toBe(holders.at(-1));
  }
  return { active, holders };
}

const queueOf = (active: ActiveRequest[]) => active.filter((r) => r.status === 'waiting').sort(queueOrder).map((r) => r.userId);

describe('floor rules', () => {
  it('serves hands first come, first served, and a second raise keeps the place', () => {
    const { active, holders } = run([
      { kind: 'raise', userId: 'a' },
      { kind: 'raise', userId: 'b' },
      { kind: 'raise', userId: 'a' },
      { kind: 'raise', userId: 'c' },
      { kind: 'grant' },
      { kind: 'next' },
      { kind: 'next' },
      { kind: 'next' },
    ]);
    expect(holders).toEqual([null, null, null, null, 'a', 'b', 'c', null]);
    expect(active).toEqual([]);
  });

  it('orders equal request times by id, so every node reads one queue', () => {
    const same = [waiting('r2', 'b', 1), waiting('r1', 'a', 1), waiting('r0', 'z', 0)];
    expect([...same].sort(queueOrder).map((r) => r.id)).toEqual(['r0', 'r1', 'r2']);
  });

  it('lets the chair grant anyone waiting; the holder then is done and the rest keep their order', () => {
    const active = [speaking('r0', 'x', 0), waiting('r1', 'a', 1), waiting('r2', 'b', 2), waiting('r3', 'c', 3)];
    const d = decide(active, { kind: 'grant', requestId: 'r3' });
    expect(d).toEqual({ end: [{ id: 'r0', status: 'done' }], grant: 'r3', holderBefore: 'x', holderAfter: 'c' });
  });

  it('refuses a grant with nobody waiting, or to a request that is not waiting', () => {
    const refusal = (active: ActiveRequest[], action: FloorAction) => {
      try {
        decide(active, action);
      } catch (err) {
        return err instanceof FloorRefusal ? err.code : String(err);
      }
      return 'granted';
    };
    expect(refusal([], { kind: 'grant' })).toBe('floor.queue_empty');
    expect(refusal([speaking('r0', 'x', 0)], { kind: 'grant' })).toBe('floor.queue_empty');
    expect(refusal([speaking('r0', 'x', 0)], { kind: 'grant', requestId: 'r0' })).toBe('floor.not_waiting');
    expect(refusal([waiting('r1', 'a', 1)], { kind: 'grant', requestId: 'nope' })).toBe('floor.not_waiting');
  });

  it('revokes the holder (cut off), and next with an empty queue just ends the floor', () => {
    expect(decide([speaking('r0', 'x', 0), waiting('r1', 'a', 1)], { kind: 'revoke' })).toEqual({
      end: [{ id: 'r0', status: 'revoked' }],
      holderBefore: 'x',
      holderAfter: null,
    });
    expect(decide([speaking('r0', 'x', 0)], { kind: 'next' })).toEqual({ end: [{ id: 'r0', status: 'done' }], holderBefore: 'x', holderAfter: null });
    expect(decide([], { kind: 'revoke' })).toEqual({ end: [], holderBefore: null, holderAfter: null });
  });

  it('lowers a hand, and the holder cannot queue behind himself', () => {
    const { active } = run([{ kind: 'raise', userId: 'a' }, { kind: 'raise', userId: 'b' }, { kind: 'lower', userId: 'a' }]);
    expect(queueOf(active)).toEqual(['b']);
    expect(decide([speaking('r0', 'x', 0)], { kind: 'raise', userId: 'x' }).raise).toBeUndefined();
    expect(decide([], { kind: 'lower', userId: 'x' }).end).toEqual([]);
  });

  it('releases someone who left: the hand goes down, the floor ends', () => {
    const active = [speaking('r0', 'x', 0), waiting('r1', 'a', 1)];
    expect(decide(active, { kind: 'release', userId: 'x' })).toEqual({ end: [{ id: 'r0', status: 'done' }], holderBefore: 'x', holderAfter: null });
    expect(decide(active, { kind: 'release', userId: 'a' })).toEqual({ end: [{ id: 'r1', status: 'withdrawn' }], holderBefore: 'x', holderAfter: 'x' });
  });
});
