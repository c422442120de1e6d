// Messages between the page-sync benchmark (run.ts) and its watcher processes (watch-child.ts).

export interface Watcher {
  index: number;
  /** A session cookie (`ecabinet_session=…`), or none against the bare reference server. */
  cookie?: string;
}

export type ToChild =
  /** Connect every watcher to `url` and watch `meetingId`; answer `ready`. */
  | { type: 'connect'; url: string; meetingId: string; watchers: Watcher[]; timeoutMs: number }
  /** Send what was received, then forget it (the next contender starts clean). */
  | { type: 'report' }
  /** Disconnect every watcher; answer `closed`. */
  | { type: 'disconnect' }
  | { type: 'exit' };

/** One push received: which watcher, which revision, when (ms since the epoch, µs resolution). */
export type Receipt = [index: number, revision: number, at: number];

export type FromChild =
  | { type: 'ready'; failures: string[] }
  | { type: 'report'; receipts: Receipt[]; disconnects: number; loopDelayMaxMs: number }
  | { type: 'closed' };
