// The signalling protocol is defined once, next to the server (src/realtime/protocol.ts). Only
// its types cross over (`import type`): the web bundle never includes server code, so the two
// event names are repeated here.
export type {
  Ack,
  CloseReason,
  ConsumerInfo,
  ConsumerRole,
  MediaSource,
  Notification,
  ParticipantInfo,
  ProtocolError,
  Request,
  RequestMethod,
  ResponseData,
  RoomState,
  TransportInfo,
} from '../../../../src/realtime/protocol.ts';

/** `REQUEST_EVENT` and `NOTIFICATION_EVENT` of src/realtime/protocol.ts. */
export const REQUEST_EVENT = 'request';
export const NOTIFICATION_EVENT = 'notification';
