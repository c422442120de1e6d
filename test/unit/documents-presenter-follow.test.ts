// Following the presenter (web/src/features/documents/presenter-follow.ts) with a fake
// presentation: a follower goes wherever the presentation goes, stops following when the
// reader moves away, comes back on "return to presenter"; a leader's own moves are sent.
import { describe, expect, it } from 'vitest';
import type { PresentationState } from '../../src/contract/presentation.ts';
import { PresenterFollow, type Position, type PresentationSource } from '../../web/src/features/documents/presenter-follow.ts';

const ME = '11111111-1111-4111-8111-111111111111';
const CHAIR = '22222222-2222-4222-8222-222222222222';
const DOC = '33333333-3333-4333-8333-333333333333';

class FakeSource implements PresentationSource {
  state: PresentationState = { meetingId: 'm', revision: 0, presentation: null };
  readonly sent: Position[] = [];
  readonly #listeners = new Set<(s: PresentationState) => void>();
  onChange(listener: (s: PresentationState) => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  present(position: Position) {
    this.sent.push(position);
  }
  async stop() {
    this.push(null);
  }
  /** The server pushes: `by` presents `page` (or nobody when null). */
  push(page: number | null, by = CHAIR) {
    this.state = {
      meetingId: 'm',
      revision: this.state.revision + 1,
      presentation: page === null ? null : { presenter: { id: by, fullName: 'Chủ tọa' }, documentId: DOC, version: 1, page, updatedAt: new Date().toISOString() },
    };
    for (const l of this.#listeners) l(this.state);
  }
}

const at = (page: number): Position => ({ documentId: DOC, version: 1, page });

function setUp() {
  const source = new FakeSource();
  const shown: number[] = [];
  const follow = new PresenterFollow({ source, me: ME, show: (p) => shown.push(p.page) });
  return { source, shown, follow };
}

describe('PresenterFollow', () => {
  it('follows every move of the presentation', () => {
    const { source, shown, follow } = setUp();
    source.push(3);
    source.push(4);
    expect(shown).toEqual([3, 4]);
    expect(follow.mode).toBe('following');
  });

  it('stops following when the reader moves away, and returns to the presenter on request', () => {
    const { source, shown, follow } = setUp();
    source.push(3);
    follow.moved(at(3)); // arriving where the presenter is, is not browsing away
    expect(follow.mode).toBe('following');
    follow.moved(at(4));
    expect(follow.mode).toBe('browsing');
    source.push(5);
    expect(shown).toEqual([3]);
    follow.returnToPresenter();
    expect(shown).toEqual([3, 5]);
    expect(follow.mode).toBe('following');
    source.push(6);
    expect(shown).toEqual([3, 5, 6]);
  });

  it('reads freely while nobody presents, and follows once someone does', () => {
    const { source, shown, follow } = setUp();
    follow.moved(at(2));
    expect(follow.mode).toBe('following');
    source.push(7);
    expect(shown).toEqual([7]);
  });

  it('sends a leader’s moves; another leader taking over, or a stop, makes this reader follow again', async () => {
    const { source, shown, follow } = setUp();
    follow.lead(at(1));
    follow.moved(at(2));
    expect(source.sent).toEqual([at(1), at(2)]);
    source.push(2, ME); // its own page coming back does not move it
    expect(shown).toEqual([]);
    expect(follow.mode).toBe('leading');
    source.push(9, CHAIR);
    expect(follow.mode).toBe('following');
    expect(shown).toEqual([9]);
    follow.lead(at(9));
    await follow.stopLeading();
    expect(follow.mode).toBe('following');
  });

  it('a reader who opened a document of their own is browsing', () => {
    const { source, shown, follow } = setUp();
    follow.browse();
    source.push(3);
    expect(shown).toEqual([]);
    expect(follow.mode).toBe('browsing');
  });
});
