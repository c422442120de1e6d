import type { Problem } from '../contract/problem.ts';
import { problemMessage, type AppError } from './app-error.ts';
import type { Lang } from './catalogue.ts';

/** The RFC 9457 body of an error: its catalogue code, the status and the message in `lang`. */
export function problemBody(err: AppError, lang: Lang): Problem {
  return {
    type: `urn:ecabinet:problem:${err.code}`,
    title: problemMessage(err.code, lang, err.params),
    status: err.status,
    code: err.code,
    ...err.extra,
  };
}
