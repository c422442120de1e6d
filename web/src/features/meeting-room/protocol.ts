// The signalling protocol is defined once, next to the server (src/contract/realtime.ts). Only
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
  RequestData,
  RequestMethod,
  ResponseData,
  RoomState,
  TransportInfo,
} from '../../../../src/contract/realtime.ts';

/** `REQUEST_EVENT` and `NOTIFICATION_EVENT` of src/contract/realtime.ts. */
export const REQUEST_EVENT = 'request';
export const NOTIFICATION_EVENT = 'notification';
