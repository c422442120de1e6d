import { compilePattern, type CompiledPattern, type PathParams } from './match-path.ts';

/** What a page renders: its root node, its document title, and what to do when left. */
export interface View {
  readonly element: Node;
  readonly title?: string;
  /** Called when the router leaves or re-renders this view (remove listeners, close sockets). */
  destroy?(): void;
  /** Called once the view is in the document; default focuses the first `h1`. */
  focus?(): void;
}

export interface RouteContext {
  readonly path: string;
  readonly params: PathParams;
  readonly query: URLSearchParams;
  /** Aborted when the user navigates away before this render finished. */
  readonly signal: AbortSignal;
}

/** A guard returns null to allow the route, or a path to redirect to. */
export type Guard = (ctx: RouteContext) => Promise<string | null> | string | null;

export interface Route {
  /** Pattern such as `/`, `/login`, `/meetings/:id/room`. */
  readonly path: string;
  readonly guards?: readonly Guard[];
  render(ctx: RouteContext): Promise<View> | View;
}

export interface RouterOptions {
  readonly outlet: HTMLElement;
  readonly routes: readonly Route[];
  readonly notFound: (ctx: RouteContext) => View;
  /** Turns a render or guard failure into a view, or a redirect path. */
  readonly onError: (error: unknown, ctx: RouteContext) => View | string;
  /** Suffix for document.title, e.g. the app name. */
  readonly titleSuffix?: () => string;
  /** Same-origin paths the server owns (API docs, health); links to them load normally. */
  readonly isServerPath?: (pathname: string) => boolean;
}

export interface NavigateOptions {
  readonly replace?: boolean;
}

/** Guards and redirects chain; more hops than this means two routes send users to each other. */
const MAX_REDIRECTS = 10;

/**
 * Client-side router on the History API. Routes come from each feature's index and are
 * matched in order. Same-origin `<a href>` clicks are handled here, so pages use plain links.
 */
export class Router {
  readonly #options: RouterOptions;
  readonly #routes: ReadonlyArray<{ route: Route; compiled: CompiledPattern }>;
  #current: View | null = null;
  #pending: AbortController | null = null;
  #started = false;

  constructor(options: RouterOptions) {
    this.#options = options;
    this.#routes = options.routes.map((route) => ({ route, compiled: compilePattern(route.path) }));
  }

  start(): Promise<void> {
    if (!this.#started) {
      this.#started = true;
      window.addEventListener('popstate', () => void this.#resolve(currentLocation(), 0));
      document.addEventListener('click', this.#onClick);
    }
    return this.#resolve(currentLocation(), 0);
  }

  navigate(to: string, options: NavigateOptions = {}): Promise<void> {
    const url = new URL(to, window.location.origin);
    const target = url.pathname + url.search + url.hash;
    if (options.replace) history.replaceState(null, '', target);
    else if (target !== currentLocation()) history.pushState(null, '', target);
    return this.#resolve(target, 0);
  }

  /** Render the current location again, e.g. after the language changed. */
  refresh(): Promise<void> {
    return this.#resolve(currentLocation(), 0);
  }

  async #resolve(location: string, redirects: number): Promise<void> {
    this.#pending?.abort();
    const controller = new AbortController();
    this.#pending = controller;

    const url = new URL(location, window.location.origin);
    const found = this.#match(url.pathname);
    const ctx: RouteContext = {
      path: url.pathname,
      params: found?.params ?? {},
      query: url.searchParams,
      signal: controller.signal,
    };

    let outcome: View | string;
    try {
      outcome = found ? await this.#run(found.route, ctx) : this.#options.notFound(ctx);
    } catch (error) {
      if (controller.signal.aborted) return;
      outcome = this.#options.onError(error, ctx);
    }
    if (controller.signal.aborted) {
      if (typeof outcome !== 'string') outcome.destroy?.();
      return;
    }

    if (typeof outcome === 'string') {
      if (redirects >= MAX_REDIRECTS) throw new Error(`Router: redirect loop at ${location}`);
      history.replaceState(null, '', outcome);
      return this.#resolve(outcome, redirects + 1);
    }
    this.#show(outcome);
  }

  async #run(route: Route, ctx: RouteContext): Promise<View | string> {
    for (const guard of route.guards ?? []) {
      const redirect = await guard(ctx);
      if (redirect !== null) return redirect;
    }
    return route.render(ctx);
  }

  #match(pathname: string): { route: Route; params: PathParams } | null {
    for (const { route, compiled } of this.#routes) {
      const params = compiled.match(pathname);
      if (params) return { route, params };
    }
    return null;
  }

  #show(view: View): void {
    this.#current?.destroy?.();
    this.#current = view;
    this.#options.outlet.replaceChildren(view.element);
    const suffix = this.#options.titleSuffix?.();
    document.title = [view.title, suffix].filter(Boolean).join(' · ');
    if (view.focus) view.focus();
    else this.#options.outlet.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  readonly #onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || !anchor.href || anchor.target || anchor.hasAttribute('download')) return;
    if (anchor.hasAttribute('data-router-ignore')) return;
    const url = new URL(anchor.href);
    if (url.origin !== window.location.origin) return;
    if (this.#options.isServerPath?.(url.pathname)) return;
    // An in-page anchor (skip link, table of contents) scrolls; it is not a navigation.
    if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) {
      return;
    }
    event.preventDefault();
    void this.navigate(url.pathname + url.search + url.hash);
  };
}

function currentLocation(): string {
  return window.location.pathname + window.location.search + window.location.hash;
}
