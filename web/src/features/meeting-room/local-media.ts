/**
 * The user's own camera, microphone and screen tracks, and which devices they chose. Owned by
 * the room for its whole life (device check included) so reconnects re-send the same tracks
 * and the user is never asked for permission twice.
 */
export class LocalMedia {
  mic: MediaStreamTrack | null = null;
  camera: MediaStreamTrack | null = null;
  screen: MediaStreamTrack | null = null;
  micId: string | null = null;
  cameraId: string | null = null;

  /** 720p: the top simulcast layer; the smaller ones are scaled down from it. */
  async openCamera(deviceId: string | null = this.cameraId): Promise<MediaStreamTrack> {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: 1280, height: 720, frameRate: { max: 30 } },
    });
    const track = firstTrack(stream, 'video');
    this.stopCamera();
    this.camera = track;
    this.cameraId = track.getSettings().deviceId ?? deviceId;
    return track;
  }

  async openMic(deviceId: string | null = this.micId): Promise<MediaStreamTrack> {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    const track = firstTrack(stream, 'audio');
    this.stopMic();
    this.mic = track;
    this.micId = track.getSettings().deviceId ?? deviceId;
    return track;
  }

  /** The browser asks which screen or window; a refusal rejects with NotAllowedError. */
  async openScreen(): Promise<MediaStreamTrack> {
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { max: 15 } }, audio: false });
    const track = firstTrack(stream, 'video');
    // Text on slides and documents: keep it sharp rather than smooth.
    track.contentHint = 'detail';
    this.stopScreen();
    this.screen = track;
    return track;
  }

  /** Camera or microphone behind one face: switching devices treats them alike. */
  device(source: 'camera' | 'mic'): LocalDevice {
    const camera = source === 'camera';
    return {
      id: camera ? this.cameraId : this.micId,
      track: camera ? this.camera : this.mic,
      open: (deviceId) => (camera ? this.openCamera(deviceId) : this.openMic(deviceId)),
      stop: () => (camera ? this.stopCamera() : this.stopMic()),
      choose: (deviceId) => {
        if (camera) this.cameraId = deviceId;
        else this.micId = deviceId;
      },
    };
  }

  stopCamera(): void {
    this.camera?.stop();
    this.camera = null;
  }

  stopMic(): void {
    this.mic?.stop();
    this.mic = null;
  }

  stopScreen(): void {
    this.screen?.stop();
    this.screen = null;
  }

  stopAll(): void {
    this.stopCamera();
    this.stopMic();
    this.stopScreen();
  }
}

/** A snapshot of one local source (`id`, `track`) and what can be done to it. */
export interface LocalDevice {
  readonly id: string | null;
  readonly track: MediaStreamTrack | null;
  open(deviceId: string | null): Promise<MediaStreamTrack>;
  stop(): void;
  /** Remembers the device for the next open, without opening it. */
  choose(deviceId: string): void;
}

export interface DeviceLists {
  cameras: MediaDeviceInfo[];
  mics: MediaDeviceInfo[];
}

/** Cameras and microphones; labels are empty until the user has granted access once. */
export async function listDevices(): Promise<DeviceLists> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return {
    cameras: devices.filter((d) => d.kind === 'videoinput' && d.deviceId),
    mics: devices.filter((d) => d.kind === 'audioinput' && d.deviceId),
  };
}

function firstTrack(stream: MediaStream, kind: 'audio' | 'video'): MediaStreamTrack {
  const [track] = kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks();
  if (!track) throw new DOMException(`no ${kind} track`, 'NotFoundError');
  return track;
}

export type DeviceKind = 'tablet' | 'phone' | 'computer';

/** What this device is, for the participant list ("tablet", "computer"); a code translated there. */
export function deviceKind(): DeviceKind {
  const ua = navigator.userAgent;
  // iPadOS reports itself as a Mac; touch gives it away.
  if (/iPad|Tablet/i.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1) || (/Android/i.test(ua) && !/Mobile/i.test(ua))) {
    return 'tablet';
  }
  if (/Mobi|iPhone|Android/i.test(ua)) return 'phone';
  return 'computer';
}
