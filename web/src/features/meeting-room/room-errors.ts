import type { I18n } from '../../base/i18n/index.ts';
import { RequestError } from './request-error.ts';
import type { RoomStore } from './room-store.ts';

/** The i18n lookup the room's logic needs: no I18n (and no document) in unit tests. */
export type Translate = I18n['t'];

/** A failure during the meeting, shown as a message in the room. */
export function reportError(store: RoomStore, t: Translate, error: unknown): void {
  if (error instanceof RequestError) store.say(error.message, 'error');
  else if (error instanceof DOMException) store.say(t('room.error.device'), 'error');
  else {
    console.error(error);
    store.say(t('error.unexpected'), 'error');
  }
}

/** A failure of the first join, as the person at the device check should read it. */
export function explainJoinError(t: Translate, error: unknown): RequestError {
  if (error instanceof RequestError) return error;
  // mediasoup-client's UnsupportedError: no WebRTC here, or a page not served over HTTPS.
  if (error instanceof Error && error.name === 'UnsupportedError') return new RequestError('client.unsupported', t('room.error.unsupported'));
  console.error(error);
  return new RequestError('client.error', t('error.unexpected'));
}
