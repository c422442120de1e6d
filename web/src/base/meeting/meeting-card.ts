import { h, type Child } from '../ui/index.ts';
import './meeting-card.css';

/**
 * A card of the room's meeting bar (the floor, a vote, the quorum): a labelled region in the
 * room's dark theme, compact on a tablet, with a body the feature redraws.
 */
export function meetingCard(options: { testid: string; title: string; id: string }, ...body: Child[]): { element: HTMLElement; body: HTMLElement } {
  const headingId = `${options.id}-heading`;
  const content = h('div', { class: 'meeting-card__body' }, ...body);
  const element = h(
    'section',
    { class: 'meeting-card', testid: options.testid, attrs: { id: options.id, 'aria-labelledby': headingId } },
    h('h2', { class: 'meeting-card__title', attrs: { id: headingId } }, options.title),
    content,
  );
  return { element, body: content };
}

/** A compact button of a meeting card; `tone` colours what it does. */
export function cardButton(testid: string, label: string, onClick: () => void, tone: 'primary' | 'plain' | 'danger' = 'plain'): HTMLButtonElement {
  return h('button', { class: `card-button card-button--${tone}`, testid, attrs: { type: 'button' }, on: { click: onClick } }, label);
}
