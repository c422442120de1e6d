import type { I18n } from '../i18n/index.ts';
import { h } from './dom.ts';
import { icon } from './icons.ts';

/**
 * One button offering the other language, labelled in that language (so a reader of it can
 * find it). The choice is persisted by I18n; the app re-renders on its change event.
 */
export function langSwitch(i18n: I18n): HTMLButtonElement {
  return h(
    'button',
    {
      class: 'button button--ghost lang-switch',
      testid: 'lang-switch',
      attrs: { type: 'button', 'aria-label': i18n.t('lang.switchLabel') },
      on: { click: () => i18n.setLanguage(i18n.otherLanguage) },
    },
    icon('globe'),
    h('span', { attrs: { lang: i18n.otherLanguage } }, i18n.t('lang.switch')),
  );
}
