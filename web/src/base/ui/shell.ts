import type { I18n } from '../i18n/index.ts';
import { h, type Child } from './dom.ts';
import { icon } from './icons.ts';
import { langSwitch } from './lang-switch.ts';

export interface ShellOptions {
  readonly i18n: I18n;
  /** Extra header controls before the language switch (user menu, logout). */
  readonly actions?: readonly Child[];
  /** `public` centres a single card (login); `app` is the signed-in page layout. */
  readonly variant?: 'app' | 'public';
}

/** The page frame every view shares: skip link, top bar with brand and actions, main region. */
export function shell(options: ShellOptions, ...content: Child[]): HTMLElement {
  const { i18n, variant = 'app' } = options;
  return h(
    'div',
    { class: `shell shell--${variant}` },
    h('a', { class: 'skip-link', attrs: { href: '#main' } }, i18n.t('app.skipToContent')),
    h(
      'header',
      { class: 'topbar' },
      h(
        'div',
        { class: 'topbar__inner' },
        h(
          'a',
          { class: 'brand', attrs: { href: '/' } },
          h('span', { class: 'brand__emblem' }, icon('star', 'brand__star')),
          h(
            'span',
            { class: 'brand__text' },
            h('span', { class: 'brand__name' }, i18n.t('app.name')),
            h('span', { class: 'brand__tagline' }, i18n.t('app.tagline')),
          ),
        ),
        h('div', { class: 'topbar__actions' }, ...(options.actions ?? []), langSwitch(i18n)),
      ),
    ),
    h('main', { class: 'main', attrs: { id: 'main', tabindex: -1 } }, ...content),
  );
}
