// What the join-storm benchmark and its client processes (client-child.ts) say to each other
// over the fork IPC channel, and what one client's join measured.

/** The timed steps of one join, in order. */
export const STEPS = ['getRouterRtpCapabilities', 'join', 'createTransport send', 'createTransport recv', 'stage consumerAdded', 'resumeConsumer'] as const;
export type Step = (typeof STEPS)[number];

export interface ChildClient {
  /** Join order in the storm (0-based). */
  index: number;
  username: string;
  /** `ecabinet_session=…`, from a login done before the storm. */
  cookie: string;
  /** When this client starts, ms after the storm's t0. */
  offsetMs: number;
}

export type ToChild =
  | {
      type: 'start';
      url: string;
      meetingId: string;
      /** Storm start, epoch ms (Date.now() is the one clock the processes share). */
      t0: number;
      /** Per request, and for the stage consumer to arrive. */
      timeoutMs: number;
      clients: ChildClient[];
    }
  /** Disconnect every socket and exit. */
  | { type: 'close' };

export type FromChild =
  | { type: 'ready' }
  | {
      type: 'done';
      results: ClientResult[];
      /** This process's CPU (user + system) from t0 until its last client finished, s. */
      cpuSeconds: number;
      wallSeconds: number;
      /** Event-loop delay of this client process over the same span (monitorEventLoopDelay), ms. */
      loopDelayP99Ms: number;
      loopDelayMaxMs: number;
    };

export interface ClientResult {
  index: number;
  username: string;
  /** Actual start − scheduled start, ms: how well the harness kept the schedule. */
  lateMs: number;
  /** Socket.io handshake (WebSocket + session lookup), ms; before the join proper. */
  connectMs?: number;
  /** Each step's own duration, ms ('stage consumerAdded': from the recv transport's answer). */
  steps: Partial<Record<Step, number>>;
  /** First request sent → resumeConsumer of the stage camera acknowledged, ms. */
  joinMs?: number;
  /** Finished at, ms after t0. */
  doneAtMs?: number;
  error?: { step: Step | 'connect'; code: string };
  /** The socket closed before the end of the run (socket.io's reason: ping timeout, transport close…). */
  disconnect?: { reason: string; atMs: number };
  /** Consumers other than the stage camera (resumed untimed, like a real client). */
  otherConsumers: number;
  /** A request on them that failed (resumeConsumer of the audio). */
  otherErrors: string[];
}
