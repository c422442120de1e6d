// Following the presenter, leading, or browsing on one's own. A follower's viewer goes wherever
// the presentation goes; moving by hand away from it stops following until "return to
// presenter"; a leader's own moves are sent to everyone. Kept apart from the DOM so the rules
// are tested with a fake client.
import type { PresentationState } from '../../../../src/contract/presentation.ts';

export type FollowMode = 'following' | 'browsing' | 'leading';

export interface Position {
  readonly documentId: string;
  readonly version: number;
  readonly page: number;
}

/** What following needs of the presentation client. */
export interface PresentationSource {
  readonly state: PresentationState;
  onChange(listener: (state: PresentationState) => void): () => void;
  present(position: Position): void;
  stop(): Promise<void>;
}

const samePlace = (a: Position, b: Position): boolean => a.documentId === b.documentId && a.version === b.version && a.page === b.page;

export class PresenterFollow {
  readonly #source: PresentationSource;
  readonly #me: string;
  readonly #show: (position: Position) => void;
  readonly #listeners = new Set<() => void>();
  readonly #stop: () => void;
  #mode: FollowMode = 'following';

  /** `show`: moves the viewer to the presenter's place (a move the viewer reports as `remote`). */
  constructor(options: { source: PresentationSource; me: string; show: (position: Position) => void }) {
    this.#source = options.source;
    this.#me = options.me;
    this.#show = options.show;
    this.#stop = this.#source.onChange((state) => this.#changed(state));
  }

  get mode(): FollowMode {
    return this.#mode;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Goes to what is presented now, if anything (on opening the page). */
  start(): void {
    this.#changed(this.#source.state);
  }

  /** The reader moved by hand. */
  moved(position: Position): void {
    if (this.#mode === 'leading') return this.#source.present(position);
    const presented = this.#source.state.presentation;
    if (this.#mode === 'following' && presented && !samePlace(position, presented)) this.#setMode('browsing');
  }

  /** The reader asked for a place of their own (a link to a document): not following. */
  browse(): void {
    if (this.#mode !== 'leading') this.#setMode('browsing');
  }

  returnToPresenter(): void {
    this.#setMode('following');
    const presented = this.#source.state.presentation;
    if (presented) this.#show(presented);
  }

  /** Leads from `position` (where this reader is now), or from the next move when none. */
  lead(position: Position | null): void {
    this.#setMode('leading');
    if (position) this.#source.present(position);
  }

  async stopLeading(): Promise<void> {
    await this.#source.stop();
    this.#setMode('following');
  }

  destroy(): void {
    this.#stop();
    this.#listeners.clear();
  }

  #changed(state: PresentationState): void {
    const presented = state.presentation;
    // Someone else took over, or the presentation was stopped: this reader follows again.
    if (this.#mode === 'leading' && presented?.presenter.id !== this.#me) this.#mode = 'following';
    if (this.#mode === 'following' && presented) this.#show(presented);
    this.#emit();
  }

  #setMode(mode: FollowMode): void {
    if (mode === this.#mode) return;
    this.#mode = mode;
    this.#emit();
  }

  #emit(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
