// The one error catalogue and how the HTTP layer answers with it (application/problem+json).
export { AppError, pickLang, problemMessage } from './app-error.ts';
export type { Lang, ProblemCode } from './catalogue.ts';
export { problemResponses } from './openapi.ts';
export { problemClientErrors } from './client-errors.ts';
export { problemFrameworkErrors, problemPlugin } from './plugin.ts';
