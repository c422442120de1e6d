/**
 * A tiny element builder: enough structure for forms and lists without a framework.
 * Text is always set as text (never parsed as HTML), so server data cannot inject markup.
 */
export type Child = Node | string | number | null | undefined | false;

type EventHandlers = { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

export interface Props {
  class?: string;
  /** Rendered as `data-testid`: stable hooks for end-to-end tests. */
  testid?: string;
  /** Plain attributes; `true` sets an empty attribute, `false`/null/undefined omits it. */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: EventHandlers;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props?.class) element.className = props.class;
  if (props?.testid) element.dataset.testid = props.testid;
  for (const [name, value] of Object.entries(props?.attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, handler] of Object.entries(props?.on ?? {})) {
    element.addEventListener(type, handler as EventListener);
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}
