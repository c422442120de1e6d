// The signalling protocol is defined once, next to the server (src/contract/realtime.ts). Only
// its types cross over (`import type`): the web bundle never includes server code, so the two
// event names are repeated here.
import type { MediaNotification, Notification } from '../../../../src/contract/realtime.ts';
export type {
  Ack,
  CloseReason,
  ConsumerInfo,
  ConsumerRole,
  MediaNotification,
  MediaSource,
  Notification,
  ParticipantInfo,
  ProtocolError,
  Request,
  RequestData,
  RequestMethod,
  ResponseData,
  RoomState,
  TransportInfo,
} from '../../../../src/contract/realtime.ts';

/** `REQUEST_EVENT` and `NOTIFICATION_EVENT` of src/contract/realtime.ts. */
export const REQUEST_EVENT = 'request';
export const NOTIFICATION_EVENT = 'notification';


/**
 * The room's own pushes. The same socket also carries the user's and the meeting's other pushes
 * (notifications, floor, votes, …), which the room leaves to their features. A table rather than
 * a list, so the compiler notices a media push added to the contract and not here.
 */
const MEDIA_METHODS: Record<MediaNotification['method'], true> = {
  consumerAdded: true,
  consumerClosed: true,
  consumerPaused: true,
  consumerResumed: true,
  consumerUpdated: true,
  consumerLayersChanged: true,
  participantJoined: true,
  participantUpdated: true,
  participantLeft: true,
  activeSpeaker: true,
  roomUpdated: true,
  producerDemand: true,
  mutedByChair: true,
  closed: true,
  rejoin: true,
};

export function isMediaNotification(n: Notification): n is MediaNotification {
  return Object.hasOwn(MEDIA_METHODS, n.method);
}
