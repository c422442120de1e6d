// The media plane's events in the words of the signalling protocol (src/contract/realtime.ts).
// Where the shapes are the same (a participant, a consumer, the room state) they pass as they
// are: the compiler checks they still fit the contract, and no copy is made per event.
import type { Notification } from '../contract/realtime.ts';
import type { PeerEvent } from '../media/index.ts';

export function toNotification(e: PeerEvent): Notification {
  switch (e.type) {
    case 'consumer-added':
      return { method: 'consumerAdded', data: e.consumer };
    case 'consumer-closed':
      return { method: 'consumerClosed', data: { consumerId: e.consumerId } };
    case 'consumer-paused':
      return { method: 'consumerPaused', data: { consumerId: e.consumerId } };
    case 'consumer-resumed':
      return { method: 'consumerResumed', data: { consumerId: e.consumerId } };
    case 'consumer-role-changed':
      return { method: 'consumerUpdated', data: { consumerId: e.consumerId, role: e.role } };
    case 'consumer-layers-changed':
      return { method: 'consumerLayersChanged', data: { consumerId: e.consumerId, spatialLayer: e.spatialLayer, temporalLayer: e.temporalLayer } };
    case 'participant-joined':
      return { method: 'participantJoined', data: e.participant };
    case 'participant-updated':
      return { method: 'participantUpdated', data: e.participant };
    case 'participant-left':
      return { method: 'participantLeft', data: { userId: e.userId } };
    case 'active-speaker':
      return { method: 'activeSpeaker', data: { userId: e.userId } };
    case 'room-updated':
      return { method: 'roomUpdated', data: e.room };
    case 'producer-demand':
      return { method: 'producerDemand', data: { producerId: e.producerId, spatialLayer: e.spatialLayer } };
    case 'muted-by-chair':
      return { method: 'mutedByChair', data: { muted: e.muted } };
    case 'left':
      return { method: 'closed', data: { reason: e.reason } };
    case 'rejoin':
      return { method: 'rejoin', data: { reason: 'media-restart' } };
  }
}
