import type { I18n } from '../base/i18n/index.ts';
import type { View } from '../base/router/index.ts';
import { h, shell } from '../base/ui/index.ts';

export function notFoundView(i18n: I18n): View {
  return {
    title: i18n.t('notFound.title'),
    element: shell(
      { i18n, variant: 'public' },
      h(
        'div',
        { class: 'card status-card' },
        h('h1', { attrs: { tabindex: -1 } }, i18n.t('notFound.title')),
        h('p', null, i18n.t('notFound.body')),
        h('a', { class: 'button button--primary', attrs: { href: '/' } }, i18n.t('notFound.home')),
      ),
    ),
  };
}

export function errorView(i18n: I18n, message: string, retry: () => void): View {
  return {
    title: i18n.t('error.pageTitle'),
    element: shell(
      { i18n, variant: 'public' },
      h(
        'div',
        { class: 'card status-card' },
        h('h1', { attrs: { tabindex: -1 } }, i18n.t('error.pageTitle')),
        h('p', { attrs: { role: 'alert' } }, message),
        h('button', { class: 'button button--primary', attrs: { type: 'button' }, on: { click: retry } }, i18n.t('error.retry')),
      ),
    ),
  };
}
