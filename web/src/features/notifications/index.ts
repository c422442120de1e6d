import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { LiveSocket } from '../../base/socket/index.ts';
import { notificationBell } from './notification-bell.ts';
import { NotificationCenter } from './notification-center.ts';
import { NotificationsApi } from './notifications-api.ts';
import './notifications.css';

export type { NotificationCenter, NotificationState } from './notification-center.ts';

export interface NotificationsFeature {
  readonly center: NotificationCenter;
  /** The header's bell for this user (the same element on every page). */
  bell(me: Me): HTMLElement;
  /** At sign-out: nothing of the user stays in the tab. */
  signedOut(): void;
}

export function createNotificationsFeature(deps: { services: AppServices; live: LiveSocket }): NotificationsFeature {
  const { services, live } = deps;
  const center = new NotificationCenter(new NotificationsApi(services.api), live);
  const element = notificationBell(center, services.i18n, (to) => void services.navigate(to));
  return {
    center,
    bell: (me) => {
      center.setUser(me);
      return element;
    },
    signedOut: () => center.clear(),
  };
}
