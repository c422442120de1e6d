// Failures a caller of the media plane can act on, with codes of the media plane's own. The
// signalling layer maps them onto its error catalogue.

export const MEDIA_ERROR_CODES = [
  /** The participant is not (or no longer) in the room: join again. */
  'not-joined',
  /** No such transport, producer or consumer of this participant. */
  'not-found',
  /** Parameters mediasoup refused, or a request that does not fit (a video "mic"). */
  'invalid',
  /** A per-participant limit (transports) is reached. */
  'limit',
  /** The room is closed (meeting ended, media restarted). */
  'room-closed',
  /** The chair muted this participant: their audio stays paused. */
  'muted-by-chair',
] as const;
export type MediaErrorCode = (typeof MEDIA_ERROR_CODES)[number];

export class MediaError extends Error {
  override name = 'MediaError';
  readonly code: MediaErrorCode;

  constructor(code: MediaErrorCode, opts: { cause?: unknown; detail?: string } = {}) {
    super(opts.detail ? `${code}: ${opts.detail}` : code, { cause: opts.cause });
    this.code = code;
  }
}
