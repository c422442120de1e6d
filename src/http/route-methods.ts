import type { FastifyInstance } from 'fastify';

interface Pattern {
  regex: RegExp;
  methods: Set<string>;
}

/**
 * Which methods each registered route answers, so an unmatched request can tell "no such
 * address" (404) from "not with this method" (405 with `Allow`). Fastify's router answers both
 * with its not-found handler; this keeps its own table from the onRoute hook.
 */
export class RouteMethods {
  readonly #patterns = new Map<string, Pattern>();

  /** Records every route registered on `app` from now on; call before the routes are added. */
  listen(app: FastifyInstance): void {
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      let pattern = this.#patterns.get(route.url);
      if (!pattern) {
        pattern = { regex: toRegex(route.url), methods: new Set() };
        this.#patterns.set(route.url, pattern);
      }
      for (const m of methods) pattern.methods.add(m.toUpperCase());
    });
  }

  /** The methods some route answers at this (decoded) path, sorted; empty when none does. */
  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const p of this.#patterns.values()) if (p.regex.test(path)) for (const m of p.methods) methods.add(m);
    return [...methods].sort();
  }
}

/** `/api/meetings/:id` → `^/api/meetings/[^/]+$`; a trailing `*` matches the rest. */
function toRegex(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}
