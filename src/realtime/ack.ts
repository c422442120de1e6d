// Turning a request's outcome into its acknowledgement. Clients switch on `code` (the same
// catalogue as the HTTP API); the message is in the socket's language.
import { AppError, problemMessage, type Lang, type ProblemCode } from '../errors/index.ts';
import type { Ack } from '../contract/realtime.ts';

export function ackError(err: AppError, lang: Lang): Ack<never> & { ok: false } {
  return { ok: false, error: { code: err.code, message: problemMessage(err.code, lang, err.params) } };
}

export function ackFor(code: ProblemCode, lang: Lang): Ack<never> & { ok: false } {
  return ackError(new AppError(code), lang);
}
