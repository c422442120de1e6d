/**
 * Route patterns are paths with `:name` segments, e.g. `/meetings/:id/room`.
 * A compiled pattern matches a whole pathname (a trailing slash is tolerated) and returns
 * the decoded parameters, or null.
 */
export type PathParams = Readonly<Record<string, string>>;

export interface CompiledPattern {
  readonly pattern: string;
  match(pathname: string): PathParams | null;
}

export function compilePattern(pattern: string): CompiledPattern {
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const regex = new RegExp(`^${source === '' ? '/' : source}/?$`);

  return {
    pattern,
    match(pathname) {
      const found = regex.exec(pathname);
      if (!found) return null;
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        const raw = found[index + 1] ?? '';
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          params[name] = raw;
        }
      });
      return params;
    },
  };
}

/**
 * A redirect target taken from a query string must stay on this site: a path starting with
 * a single slash. `//evil.example` and `/\evil.example` are protocol-relative to browsers.
 */
export function safeLocalPath(value: string | null | undefined, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return fallback;
  }
  return value;
}
