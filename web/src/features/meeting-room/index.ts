import type { Route, RouteContext, View } from '../../base/router/index.ts';
import type { MeetingRoomFeatureDeps } from './room-route.ts';

export type { MeetingRoomFeatureDeps } from './room-route.ts';

/**
 * The meeting room. Its code (mediasoup-client, socket.io-client: most of the app's weight) is
 * loaded when a room is first opened, so sign-in and the lists stay light on a tablet.
 */
export function createMeetingRoomFeature(deps: MeetingRoomFeatureDeps): { routes: readonly Route[] } {
  let renderer: Promise<(ctx: RouteContext) => Promise<View>> | null = null;
  const render = async (ctx: RouteContext): Promise<View> => {
    renderer ??= import('./room-route.ts').then(
      (m) => m.createRoomRenderer(deps),
      (error: unknown) => {
        // A failed download (network) is tried again on the next visit, not remembered.
        renderer = null;
        throw error;
      },
    );
    return (await renderer)(ctx);
  };
  return { routes: [{ path: '/meetings/:id/room', guards: [deps.requireUser], render }] };
}
