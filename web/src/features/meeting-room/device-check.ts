import type { I18n } from '../../base/i18n/index.ts';
import { alertBox, h, hideAlert, showAlert } from '../../base/ui/index.ts';
import type { MeetingDetail } from '../meetings/index.ts';
import { listDevices, type LocalMedia } from './local-media.ts';
import { levelMeter } from './level-meter.ts';
import { roomIcon } from './room-icons.ts';
import './device-check.css';

/** Kept by the feature so a re-render (language switch) keeps the user's choices. */
export interface DeviceCheckDraft {
  cameraOff: boolean;
  micOff: boolean;
  cameraId: string | null;
  micId: string | null;
}

export interface DeviceCheckOptions {
  readonly i18n: I18n;
  readonly meeting: MeetingDetail;
  readonly local: LocalMedia;
  readonly draft: DeviceCheckDraft;
  /** Joins with these choices; a rejection's message is shown here. */
  onJoin(choice: { mic: boolean; camera: boolean }): Promise<void>;
}

export interface DeviceCheck {
  readonly element: HTMLElement;
  /** Opens camera and microphone (asks for permission the first time). */
  start(): Promise<void>;
  /** `keepTracks`: the room took them over; otherwise they are stopped (camera light off). */
  destroy(options: { keepTracks: boolean }): void;
}

/**
 * Before entering: see yourself, pick camera and microphone, watch the microphone level, and
 * choose to enter with the camera or the microphone off. The tracks opened here are the ones
 * the room sends.
 */
export function deviceCheck(options: DeviceCheckOptions): DeviceCheck {
  const { i18n, local, draft, meeting } = options;
  let destroyed = false;
  let keepTracks = false;
  local.cameraId ??= draft.cameraId;
  local.micId ??= draft.micId;

  const preview = h('video', {
    class: 'device-check__video',
    attrs: { 'data-local': 'preview', muted: true, playsinline: true, autoplay: true },
  });
  preview.muted = true;
  const previewOff = h('div', { class: 'device-check__off' }, roomIcon('cameraOff', 'icon device-check__off-icon'), h('span', null, i18n.t('room.check.cameraOffPreview')));
  const cameraSelect = h('select', { class: 'field__input', testid: 'room-camera-select', attrs: { id: 'room-camera-select' } });
  const micSelect = h('select', { class: 'field__input', testid: 'room-mic-select', attrs: { id: 'room-mic-select' } });
  const meter = levelMeter(i18n.t('room.check.micLevel'));
  const cameraError = h('p', { class: 'field__error', testid: 'room-camera-error', attrs: { hidden: true } });
  const micError = h('p', { class: 'field__error', testid: 'room-mic-error', attrs: { hidden: true } });
  const cameraOff = checkbox('room-join-camera-off', draft.cameraOff);
  const micOff = checkbox('room-join-mic-off', draft.micOff);
  const alert = alertBox('room-join-error');
  const joinLabel = h('span', null, i18n.t('room.check.join'));
  const join = h('button', { class: 'button button--primary button--large', testid: 'room-join', attrs: { type: 'button' } }, joinLabel);

  const showPreview = (): void => {
    const track = local.camera;
    preview.srcObject = track ? new MediaStream([track]) : null;
    preview.hidden = !track;
    previewOff.hidden = Boolean(track);
    if (track) void preview.play().catch(() => {});
  };

  const deviceError = (target: HTMLElement, error: unknown, kind: 'camera' | 'mic'): void => {
    const name = error instanceof DOMException ? error.name : '';
    const key =
      name === 'NotAllowedError' || name === 'SecurityError'
        ? kind === 'camera'
          ? 'room.check.cameraDenied'
          : 'room.check.micDenied'
        : kind === 'camera'
          ? 'room.check.cameraMissing'
          : 'room.check.micMissing';
    target.textContent = i18n.t(key);
    target.hidden = false;
  };

  const openCamera = async (deviceId?: string): Promise<void> => {
    cameraError.hidden = true;
    try {
      await local.openCamera(deviceId ?? local.cameraId);
    } catch (error) {
      deviceError(cameraError, error, 'camera');
    }
    // Left while the browser was asking: nobody will ever turn this camera off otherwise.
    if (destroyed) return void (keepTracks || local.stopCamera());
    draft.cameraId = local.cameraId;
    showPreview();
  };

  const openMic = async (deviceId?: string): Promise<void> => {
    micError.hidden = true;
    try {
      await local.openMic(deviceId ?? local.micId);
    } catch (error) {
      deviceError(micError, error, 'mic');
    }
    if (destroyed) return void (keepTracks || local.stopMic());
    draft.micId = local.micId;
    meter.attach(local.mic);
  };

  const fillSelects = async (): Promise<void> => {
    const { cameras, mics } = await listDevices().catch(() => ({ cameras: [], mics: [] }));
    if (destroyed) return;
    fillDeviceSelect(cameraSelect, cameras, local.cameraId, (n) => i18n.t('room.check.cameraN', { n }));
    fillDeviceSelect(micSelect, mics, local.micId, (n) => i18n.t('room.check.micN', { n }));
  };

  /** Camera and microphone being opened: a quick tap on Join waits for them. */
  let opening: Promise<void> = Promise.resolve();
  cameraSelect.addEventListener('change', () => (opening = openCamera(cameraSelect.value)));
  micSelect.addEventListener('change', () => (opening = openMic(micSelect.value)));
  cameraOff.input.addEventListener('change', () => {
    draft.cameraOff = cameraOff.input.checked;
    if (draft.cameraOff) {
      // Off means off: the camera light too.
      local.stopCamera();
      showPreview();
    } else {
      opening = openCamera();
    }
  });
  micOff.input.addEventListener('change', () => (draft.micOff = micOff.input.checked));
  const onDeviceChange = (): void => void fillSelects();
  navigator.mediaDevices?.addEventListener('devicechange', onDeviceChange);

  join.addEventListener('click', async () => {
    hideAlert(alert);
    join.disabled = true;
    joinLabel.textContent = i18n.t('room.check.joining');
    try {
      await opening;
      await options.onJoin({ mic: !micOff.input.checked, camera: !cameraOff.input.checked });
    } catch (error) {
      if (destroyed) return;
      join.disabled = false;
      joinLabel.textContent = i18n.t('room.check.join');
      showAlert(alert, error instanceof Error && error.message ? error.message : i18n.t('error.unexpected'));
    }
  });

  async function openDevices(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) {
      deviceError(cameraError, null, 'camera');
      deviceError(micError, null, 'mic');
      return;
    }
    // One after the other: some browsers show a single prompt for both, some stumble on two.
    if (!draft.cameraOff && !local.camera) await openCamera();
    else showPreview();
    if (destroyed) return;
    if (!local.mic) await openMic();
    else meter.attach(local.mic);
    await fillSelects();
  }

  const element = h(
    'div',
    { class: 'device-check card', testid: 'room-device-check' },
    h(
      'div',
      { class: 'device-check__head' },
      h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } }, meeting.title),
      h('p', { class: 'page-header__subtitle' }, `${i18n.formatDateTime(meeting.startsAt)} · ${meeting.organiserUnit.name}`),
      h('p', { class: 'device-check__intro' }, i18n.t('room.check.intro')),
    ),
    h(
      'div',
      { class: 'device-check__grid' },
      h('div', { class: 'device-check__preview' }, preview, previewOff),
      h(
        'div',
        { class: 'device-check__settings' },
        h('div', { class: 'field' }, h('label', { class: 'field__label', attrs: { for: 'room-camera-select' } }, i18n.t('room.check.camera')), cameraSelect, cameraError),
        h(
          'div',
          { class: 'field' },
          h('label', { class: 'field__label', attrs: { for: 'room-mic-select' } }, i18n.t('room.check.mic')),
          micSelect,
          meter.element,
          h('p', { class: 'field__hint' }, i18n.t('room.check.micHint')),
          micError,
        ),
        h('label', { class: 'check-row', attrs: { for: cameraOff.input.id } }, cameraOff.input, h('span', null, i18n.t('room.check.cameraOff'))),
        h('label', { class: 'check-row', attrs: { for: micOff.input.id } }, micOff.input, h('span', null, i18n.t('room.check.micOff'))),
        alert,
        h(
          'div',
          { class: 'form-actions' },
          join,
          h('a', { class: 'button button--secondary', attrs: { href: '/meetings' } }, i18n.t('room.check.back')),
        ),
      ),
    ),
  );
  showPreview();

  return {
    element,
    start() {
      opening = openDevices();
      return opening;
    },
    destroy(options) {
      destroyed = true;
      keepTracks = options.keepTracks;
      if (!keepTracks) local.stopAll();
      meter.destroy();
      navigator.mediaDevices?.removeEventListener('devicechange', onDeviceChange);
      preview.srcObject = null;
    },
  };
}

function checkbox(testid: string, checked: boolean): { input: HTMLInputElement } {
  const input = h('input', { class: 'checkbox', testid, attrs: { type: 'checkbox', id: testid, checked } });
  return { input };
}

/** Labels are empty without permission: "Camera 1", "Camera 2" then. */
export function fillDeviceSelect(select: HTMLSelectElement, devices: MediaDeviceInfo[], selectedId: string | null, unnamed: (n: number) => string): void {
  select.replaceChildren(
    ...devices.map((device, index) => h('option', { attrs: { value: device.deviceId } }, device.label || unnamed(index + 1))),
  );
  select.disabled = devices.length === 0;
  if (selectedId && devices.some((d) => d.deviceId === selectedId)) select.value = selectedId;
}
