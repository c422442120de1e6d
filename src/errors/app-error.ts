import { catalogue, type Lang, type ProblemCode } from './catalogue.ts';

/** A failure the caller can act on; rendered as application/problem+json by errors/plugin.ts. */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ProblemCode;
  readonly params: Record<string, string | number>;
  readonly extra: Record<string, unknown>;

  constructor(
    code: ProblemCode,
    opts: { params?: Record<string, string | number>; extra?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(code, { cause: opts.cause });
    this.code = code;
    this.params = opts.params ?? {};
    this.extra = opts.extra ?? {};
  }

  get status(): number {
    return catalogue[this.code].status;
  }
}

export function problemMessage(code: ProblemCode, lang: Lang, params: Record<string, string | number> = {}): string {
  return catalogue[code][lang].replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));
}

/** Vietnamese unless the client asks for English first. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'vi';
}
