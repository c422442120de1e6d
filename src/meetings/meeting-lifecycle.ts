import type { Principal } from '../auth/index.ts';
import type { Tx } from '../db/index.ts';
import type { MeetingRow } from './meetings.table.ts';

/** What to push once the transaction that recorded it has committed. */
export type AfterCommit = () => void;

/** Called inside the transaction that ended the meeting (the row as it is now). */
export type EndedListener = (tx: Tx, meeting: MeetingRow) => Promise<AfterCommit>;

/**
 * Closes the meeting when it runs inside a transaction. A closing handler calls it in the
 * transaction that stores what closing requires, so both commit or neither does.
 */
export type CloseIn = (tx: Tx) => Promise<MeetingRow>;
export type ClosingHandler = (input: { meeting: MeetingRow; principal: Principal; closeIn: CloseIn }) => Promise<void>;

/**
 * Capabilities above meetings act when a meeting ends or closes (the minutes: the secretary is
 * told a draft is ready; closing stores the final minutes). Meetings knows none of them: app.ts
 * hands one MeetingLifecycle to meetings and lets those capabilities register here.
 */
export class MeetingLifecycle {
  readonly #ended: EndedListener[] = [];
  #closing: ClosingHandler | undefined;

  onEnded(listener: EndedListener): void {
    this.#ended.push(listener);
  }

  /** One handler decides how closing is stored; a second registration is a wiring mistake. */
  onClosing(handler: ClosingHandler): void {
    if (this.#closing) throw new Error('meetings: a closing handler is already registered');
    this.#closing = handler;
  }

  async ended(tx: Tx, meeting: MeetingRow): Promise<AfterCommit> {
    const pushes: AfterCommit[] = [];
    for (const listener of this.#ended) pushes.push(await listener(tx, meeting));
    return () => {
      for (const push of pushes) push();
    };
  }

  get closing(): ClosingHandler | undefined {
    return this.#closing;
  }
}
