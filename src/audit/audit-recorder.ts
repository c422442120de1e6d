import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../db/index.ts';
import { AuditInputError } from './auditable-json.ts';
import { recordEvent, storableFields, type AuditEventInput } from './record-event.ts';

/** Where facts without a transaction of their own (a view, a join, a leave) send their events. */
export interface AuditSink {
  record(event: AuditEventInput): void;
}

export interface RecorderLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RecorderOptions {
  /** Chains one event (in its own transaction). */
  write: (event: AuditEventInput) => Promise<unknown>;
  log: RecorderLog;
  /** Waits before each retry of a failed write; when they run out the event is logged as lost. */
  retryDelaysMs?: readonly number[];
  /** Events waiting beyond this (the database is down) are logged as lost at once, not queued. */
  maxPending?: number;
}

/**
 * Fire-and-forget events, for facts that have no transaction to record them in. Events are
 * written one after the other in the order they were recorded (a join before its leave), each
 * in its own transaction, retried a few times; an event that still cannot be written is logged
 * at error level with all its fields, never dropped silently. A malformed event throws at once:
 * that is the caller's bug, not the database's.
 */
export class AuditRecorder implements AuditSink {
  readonly #write: RecorderOptions['write'];
  readonly #log: RecorderLog;
  readonly #retryDelaysMs: readonly number[];
  readonly #maxPending: number;
  #tail: Promise<void> = Promise.resolve();
  #pending = 0;

  constructor(opts: RecorderOptions) {
    this.#write = opts.write;
    this.#log = opts.log;
    this.#retryDelaysMs = opts.retryDelaysMs ?? [100, 500, 2000];
    this.#maxPending = opts.maxPending ?? 10_000;
  }

  /** The recorder for the application's database. */
  static forDatabase(db: Db, log: RecorderLog): AuditRecorder {
    return new AuditRecorder({ write: (event) => db.transaction((tx) => recordEvent(tx, event)), log });
  }

  record(event: AuditEventInput): void {
    storableFields(event);
    if (this.#pending >= this.#maxPending) {
      this.#log.error({ auditEvent: event, pending: this.#pending }, 'audit event not recorded: too many events waiting for the database');
      return;
    }
    this.#pending++;
    this.#tail = this.#tail.then(() => this.#writeWithRetries(event)).finally(() => void this.#pending--);
  }

  /** Events recorded and not yet written (or given up on). */
  get pending(): number {
    return this.#pending;
  }

  /** Resolves once every event recorded so far is written or logged as lost. */
  flush(): Promise<void> {
    return this.#tail;
  }

  async #writeWithRetries(event: AuditEventInput): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#write(event);
        return;
      } catch (err) {
        const delay = this.#retryDelaysMs[attempt];
        if (delay === undefined || err instanceof AuditInputError) {
          this.#log.error({ err, auditEvent: event, attempts: attempt + 1 }, 'audit event not recorded');
          return;
        }
        this.#log.warn({ err, attempt: attempt + 1 }, 'audit append failed; retrying');
        await sleep(delay);
      }
    }
  }
}
