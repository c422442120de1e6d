import type { Problem } from './types.ts';

/** Status 0 and this code mean the request never got an HTTP answer. */
export const NETWORK_ERROR_CODE = 'network_error';

/**
 * A failed API call. `problem` is the server's problem document when it sent one;
 * for a network failure or a non-problem error body it is null.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem | null;
  /** Seconds from a `Retry-After` header, when the server sent one (429, 423). */
  readonly retryAfterSeconds: number | null;

  constructor(options: {
    status: number;
    code: string;
    problem: Problem | null;
    retryAfterSeconds?: number | null;
    cause?: unknown;
  }) {
    super(options.problem?.title ?? `HTTP ${options.status} ${options.code}`, { cause: options.cause });
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.problem = options.problem;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  get isNetworkError(): boolean {
    return this.code === NETWORK_ERROR_CODE;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.title === 'string' &&
    typeof candidate.code === 'string' &&
    typeof candidate.status === 'number'
  );
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
