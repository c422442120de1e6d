// In-app notifications: one row per user and event, written with the change it reports and
// pushed live to the user's sockets (Pusher port). Other capabilities get a Notifier injected.
export { createNotifier, type Notifier, type PendingPush } from './notifier.ts';
export { notificationRoutes } from './routes.ts';
