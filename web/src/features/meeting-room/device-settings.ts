import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { fillDeviceSelect } from './device-check.ts';
import { listDevices } from './local-media.ts';
import { roomIcon } from './room-icons.ts';
import type { RoomSession } from './room-session.ts';
// Its button sits in the control bar and looks like the others there.
import './controls.css';
import './device-settings.css';

export interface DeviceSettings {
  /** The control-bar button that opens the dialog. */
  readonly button: HTMLButtonElement;
  /** Appended to the room; a modal <dialog> (Escape and the backdrop close it). */
  readonly dialog: HTMLDialogElement;
  render(): void;
  destroy(): void;
}

/**
 * Changing camera or microphone without leaving the meeting: a tablet's rear camera for the
 * paper on the table, a headset plugged in mid-meeting. A choice applies at once on the same
 * producers, so the others keep seeing and hearing us without a gap.
 */
export function deviceSettings(session: RoomSession, i18n: I18n): DeviceSettings {
  const { store, local } = session;
  const cameraSelect = h('select', { class: 'field__input', testid: 'room-devices-camera', attrs: { id: 'room-devices-camera' } });
  const micSelect = h('select', { class: 'field__input', testid: 'room-devices-mic', attrs: { id: 'room-devices-mic' } });
  const cameraHint = h('p', { class: 'field__hint', attrs: { hidden: true } }, i18n.t('room.devices.cameraOffHint'));
  const close = h(
    'button',
    { class: 'button button--secondary', testid: 'room-devices-close', attrs: { type: 'button' } },
    i18n.t('room.devices.close'),
  );
  const dialog = h(
    'dialog',
    { class: 'room-dialog', testid: 'room-devices-dialog', attrs: { 'aria-labelledby': 'room-devices-title' } },
    h('h2', { class: 'room-dialog__title', attrs: { id: 'room-devices-title' } }, i18n.t('room.devices.title')),
    h('div', { class: 'field' }, h('label', { class: 'field__label', attrs: { for: 'room-devices-camera' } }, i18n.t('room.check.camera')), cameraSelect, cameraHint),
    h('div', { class: 'field' }, h('label', { class: 'field__label', attrs: { for: 'room-devices-mic' } }, i18n.t('room.check.mic')), micSelect),
    h('div', { class: 'form-actions' }, close),
  );
  const label = i18n.t('room.devices');
  const button = h(
    'button',
    { class: 'control', testid: 'room-devices', attrs: { type: 'button', title: label, 'aria-haspopup': 'dialog' } },
    h('span', { class: 'control__icon-slot' }, roomIcon('devices', 'icon control__icon')),
    h('span', { class: 'control__label' }, label),
  );

  let destroyed = false;
  const fillLists = async (): Promise<void> => {
    const { cameras, mics } = await listDevices().catch(() => ({ cameras: [], mics: [] }));
    if (destroyed) return;
    fillDeviceSelect(cameraSelect, cameras, local.cameraId, (n) => i18n.t('room.check.cameraN', { n }));
    fillDeviceSelect(micSelect, mics, local.micId, (n) => i18n.t('room.check.micN', { n }));
    render();
  };
  const render = (): void => {
    if (local.cameraId && cameraSelect.value !== local.cameraId) cameraSelect.value = local.cameraId;
    if (local.micId && micSelect.value !== local.micId) micSelect.value = local.micId;
    cameraSelect.disabled = cameraSelect.options.length === 0 || store.local.busy.camera;
    micSelect.disabled = micSelect.options.length === 0 || store.local.busy.mic;
    cameraHint.hidden = store.local.camera;
  };

  button.addEventListener('click', () => {
    void fillLists();
    dialog.showModal();
  });
  close.addEventListener('click', () => dialog.close());
  // A tap on the backdrop (outside the box) closes, as on any tablet sheet.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  cameraSelect.addEventListener('change', () => void session.switchDevice('camera', cameraSelect.value).then(render));
  micSelect.addEventListener('change', () => void session.switchDevice('mic', micSelect.value).then(render));
  const onDeviceChange = (): void => {
    if (dialog.open) void fillLists();
  };
  navigator.mediaDevices?.addEventListener('devicechange', onDeviceChange);

  return {
    button,
    dialog,
    render,
    destroy() {
      destroyed = true;
      navigator.mediaDevices?.removeEventListener('devicechange', onDeviceChange);
      if (dialog.open) dialog.close();
    },
  };
}
