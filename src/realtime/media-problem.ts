// The media plane's errors as codes of the error catalogue, which the client switches on.
import { AppError, type ProblemCode } from '../errors/index.ts';
import { MediaError, type MediaErrorCode } from '../media/index.ts';

const PROBLEM: Record<MediaErrorCode, ProblemCode> = {
  'not-joined': 'media.not_joined',
  'not-found': 'media.not_found',
  invalid: 'media.invalid',
  limit: 'media.limit',
  'room-closed': 'media.unavailable',
  'muted-by-chair': 'meeting.muted_by_chair',
};

/** An AppError for any failure: a MediaError mapped, an AppError as it is, anything else `internal`. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof MediaError) return new AppError(PROBLEM[err.code], { cause: err });
  return new AppError('internal', { cause: err });
}
