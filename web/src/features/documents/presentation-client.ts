// The meeting's presentation as this tablet knows it: read on (re)connection, then kept from
// `presentationChanged` pushes, the highest revision winning (two leaders' pushes may cross).
// A leader's page turns are sent one at a time, the latest only: a fast flick through ten
// pages sends the first and the last, not ten writes the followers would replay.
import type { PresentationState, PresentInput } from '../../../../src/contract/presentation.ts';
import type { LiveSocket } from '../../base/socket/index.ts';

export type { Presentation, PresentationState } from '../../../../src/contract/presentation.ts';

export class PresentationClient {
  readonly #live: LiveSocket;
  readonly #meetingId: string;
  readonly #listeners = new Set<(state: PresentationState) => void>();
  readonly #stops: Array<() => void> = [];
  #state: PresentationState;
  #canLead = false;
  #sending = false;
  #next: PresentInput | null = null;
  #onError: (error: unknown) => void = () => undefined;

  constructor(options: { live: LiveSocket; meetingId: string }) {
    this.#live = options.live;
    this.#meetingId = options.meetingId;
    this.#state = { meetingId: options.meetingId, revision: 0, presentation: null };
    this.#stops.push(
      this.#live.on('presentationChanged', (state) => {
        if (state.meetingId === this.#meetingId) this.#accept(state);
      }),
      this.#live.onConnect(() => void this.refresh()),
    );
    if (this.#live.connected) void this.refresh();
  }

  get state(): PresentationState {
    return this.#state;
  }

  /** Whether this user may lead now (the chair, or the current agenda item's presenter). */
  get canLead(): boolean {
    return this.#canLead;
  }

  onChange(listener: (state: PresentationState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** What to do when a page turn could not be sent (the server refused, or the link is down). */
  onError(handler: (error: unknown) => void): void {
    this.#onError = handler;
  }

  /** Joins the meeting's audience and reads the presentation (after each reconnection too). */
  async refresh(): Promise<void> {
    try {
      await this.#live.request('watchMeeting', { meetingId: this.#meetingId });
      const { canLead, ...state } = await this.#live.request('getPresentation', { meetingId: this.#meetingId });
      this.#canLead = canLead;
      this.#accept(state, true);
    } catch {
      // Offline: what is known stays; the next connection asks again.
    }
  }

  /** Leads to this page (sent now, or after the one in flight). */
  present(position: { documentId: string; version: number; page: number }): void {
    this.#next = { meetingId: this.#meetingId, ...position };
    if (!this.#sending) void this.#flush();
  }

  async stop(): Promise<void> {
    this.#next = null;
    this.#accept(await this.#live.request('stopPresenting', { meetingId: this.#meetingId }));
  }

  destroy(): void {
    for (const stop of this.#stops) stop();
    this.#listeners.clear();
  }

  async #flush(): Promise<void> {
    this.#sending = true;
    try {
      while (this.#next) {
        const input = this.#next;
        this.#next = null;
        try {
          this.#accept(await this.#live.request('present', input));
        } catch (err) {
          this.#onError(err);
        }
      }
    } finally {
      this.#sending = false;
    }
  }

  #accept(state: PresentationState, always = false): void {
    if (state.revision < this.#state.revision || (!always && state.revision === this.#state.revision)) return;
    this.#state = state;
    for (const listener of [...this.#listeners]) listener(state);
  }
}
