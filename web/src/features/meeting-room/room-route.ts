import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { Guard, RouteContext, View } from '../../base/router/index.ts';
import { h, shell } from '../../base/ui/index.ts';
import { MEETINGS_PATH, MeetingsApi, roomIsOpen, roomPath, type MeetingDetail } from '../meetings/index.ts';
import { deviceCheck, type DeviceCheckDraft } from './device-check.ts';
import { deviceKind, LocalMedia } from './local-media.ts';
import { MediaSession } from './media-session.ts';
import { browserNetworkWake } from './network-wake.ts';
import { RequestError, UNAUTHENTICATED } from './request-error.ts';
import { RoomClient } from './room-client.ts';
import { roomEnded } from './room-ended.ts';
import { roomPage, type RoomViewState } from './room-page.ts';
import { RoomSession } from './room-session.ts';

export interface MeetingRoomFeatureDeps {
  readonly services: AppServices;
  readonly requireUser: Guard;
  readonly userActions: (me: Me) => Node[];
  readonly currentUser: () => Promise<Me | null>;
  /** The signalling server refused our session: it expired or was revoked. */
  readonly forgetSession: () => void;
}

interface LiveRoom {
  readonly session: RoomSession;
  /** The view currently showing it; a re-render takes it over instead of leaving. */
  owner: object;
}

/**
 * Renders `/meetings/:id/room`: device check, then the room. A session outlives the view that
 * started it when the same page is rendered again (the language switch re-renders every page):
 * the new view adopts the session, the old one only lets go of its elements. Any other
 * navigation, or closing the tab, leaves the meeting.
 */
export function createRoomRenderer(deps: MeetingRoomFeatureDeps): (ctx: RouteContext) => Promise<View> {
  const { services } = deps;
  const meetings = new MeetingsApi(services.api);
  const live = new Map<string, LiveRoom>();
  const drafts = new Map<string, DeviceCheckDraft>();
  const viewState: RoomViewState = { panelOpen: null };

  const render = async (ctx: RouteContext): Promise<View> => {
    const meetingId = ctx.params.id ?? '';
    const [meeting, me] = await Promise.all([meetings.get(meetingId, ctx.signal), deps.currentUser()]);
    const { i18n } = services;
    const owner = {};
    const host = h('div', { class: 'room-host' });
    let cleanup: (() => void) | null = null;
    let left = false;

    const framed = (content: HTMLElement): HTMLElement => shell({ i18n, actions: me ? deps.userActions(me) : [] }, content);

    const showEnded = (session: RoomSession | null): void => {
      cleanup?.();
      cleanup = null;
      if (session?.store.endReason === 'unauthenticated') deps.forgetSession();
      if (session && live.get(meetingId)?.session === session) live.delete(meetingId);
      const reason = session?.store.endReason ?? 'meeting-closed';
      host.replaceChildren(framed(roomEnded(i18n, reason, session?.store.endMessage ?? null, roomPath(meetingId))));
      host.querySelector<HTMLElement>('h1')?.focus();
    };

    const showRoom = (session: RoomSession): void => {
      cleanup?.();
      const page = roomPage({
        session,
        i18n,
        meeting,
        viewState,
        onLeave: () => {
          session.leave();
          void services.navigate(MEETINGS_PATH);
        },
        onEnded: () => {
          if (session.store.endReason === 'left') return;
          // After the current notification is handled, not inside it.
          queueMicrotask(() => showEnded(session));
        },
      });
      host.replaceChildren(page.element);
      cleanup = page.destroy;
    };

    const showCheck = (detail: MeetingDetail): void => {
      const draft = drafts.get(meetingId) ?? { cameraOff: false, micOff: false, cameraId: null, micId: null };
      drafts.set(meetingId, draft);
      const local = new LocalMedia();
      let joined = false;
      const check = deviceCheck({
        i18n,
        meeting: detail,
        local,
        draft,
        onJoin: async (choice) => {
          const session = new RoomSession({
            meetingId,
            t: (...args) => i18n.t(...args),
            local,
            initial: choice,
            device: deviceKind(),
            client: new RoomClient({ language: () => i18n.language, offlineMessage: () => i18n.t('room.error.offline') }),
            openMedia: MediaSession.create,
            networkWake: browserNetworkWake,
          });
          try {
            await session.start();
          } catch (error) {
            // Signed out meanwhile: to the login page, and back here afterwards.
            if (error instanceof RequestError && error.code === UNAUTHENTICATED) {
              deps.forgetSession();
              void services.navigate(`/login?next=${encodeURIComponent(roomPath(meetingId))}`);
            }
            throw error;
          }
          if (left) return session.leave();
          joined = true;
          live.set(meetingId, { session, owner });
          showRoom(session);
        },
      });
      host.replaceChildren(framed(check.element));
      cleanup = () => check.destroy({ keepTracks: joined });
      void check.start();
    };

    const existing = live.get(meetingId);
    if (existing && !existing.session.ended) {
      existing.owner = owner;
      showRoom(existing.session);
    } else if (!roomIsOpen(meeting.status)) {
      showEnded(null);
    } else {
      showCheck(meeting);
    }

    // Closing the tab: say goodbye so the others see us leave now, not after the grace period.
    const onPageHide = (): void => {
      const entry = live.get(meetingId);
      if (entry?.owner === owner) entry.session.leave();
    };
    window.addEventListener('pagehide', onPageHide);

    return {
      element: host,
      title: meeting.title,
      destroy: () => {
        left = true;
        window.removeEventListener('pagehide', onPageHide);
        cleanup?.();
        cleanup = null;
        const entry = live.get(meetingId);
        if (entry?.owner === owner) {
          entry.session.leave();
          live.delete(meetingId);
        }
      },
    };
  };

  return render;
}
