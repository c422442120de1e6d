import { h, type Child } from './dom.ts';
import { icon, type IconName } from './icons.ts';

/** A panel that keeps itself current (live pushes) until the page showing it calls destroy. */
export interface LivePanel {
  readonly element: HTMLElement;
  destroy(): void;
}

/** A titled card section; the heading labels the region for screen readers. */
export function panel(options: { id: string; title: string; icon?: IconName; testid?: string }, ...body: Child[]): HTMLElement {
  const headingId = `${options.id}-heading`;
  return h(
    'section',
    { class: 'panel', testid: options.testid, attrs: { id: options.id, 'aria-labelledby': headingId } },
    h(
      'h2',
      { class: 'panel__title', attrs: { id: headingId } },
      options.icon ? icon(options.icon) : null,
      options.title,
    ),
    ...body,
  );
}

export function emptyState(message: string, iconName: IconName): HTMLElement {
  return h('div', { class: 'empty-state' }, icon(iconName, 'icon empty-state__icon'), h('p', null, message));
}

/** An error message region; `role=alert` makes screen readers announce it when filled. */
export function alertBox(testid?: string): HTMLElement {
  return h('div', { class: 'alert', testid, attrs: { role: 'alert', hidden: true } });
}

export function showAlert(box: HTMLElement, ...lines: string[]): void {
  box.replaceChildren(icon('alert', 'icon alert__icon'), h('div', { class: 'alert__body' }, ...lines.map((line) => h('p', null, line))));
  box.hidden = false;
}

export function hideAlert(box: HTMLElement): void {
  box.replaceChildren();
  box.hidden = true;
}
