import type { AppServices } from '../../base/app/services.ts';
import { h, icon } from '../../base/ui/index.ts';
import { LOGIN_PATH } from './guards.ts';
import type { Session } from './session.ts';

export function logoutButton(services: AppServices, session: Session): HTMLButtonElement {
  const { i18n } = services;
  const button = h(
    'button',
    {
      class: 'button button--ghost',
      testid: 'logout',
      attrs: { type: 'button' },
      on: {
        click: async () => {
          button.disabled = true;
          try {
            await session.logout();
            await services.navigate(LOGIN_PATH, { replace: true });
          } catch {
            // Still signed in on the server: say so rather than pretend (shared tablets).
            button.disabled = false;
            window.alert(i18n.t('error.network'));
          }
        },
      },
    },
    icon('logout'),
    h('span', { class: 'button__label' }, i18n.t('header.logout')),
  );
  return button;
}
