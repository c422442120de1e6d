// What every meeting router speaks. Opus for audio; VP8 first for video (simulcast everywhere,
// Debian's Chromium and tablets' browsers all have it) and H.264 for devices that prefer it.
import type { RouterRtpCodecCapability, RtpParameters } from 'mediasoup/types';

export const MEDIA_CODECS: RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

/**
 * Chromium negotiates abs-capture-time but never sends it; mediasoup 3.27's simulcast code then
 * finds no capture-time mapping for the other layers and never switches away from the first
 * (../shared/notes/mediasoup-offline.md). Without the extension the worker falls back to
 * Sender Reports and consumer.setPreferredLayers() works.
 */
const ABS_CAPTURE_TIME = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time';

export function withoutAbsCaptureTime(rtpParameters: RtpParameters): RtpParameters {
  const headerExtensions = rtpParameters.headerExtensions?.filter((e) => e.uri !== ABS_CAPTURE_TIME);
  return { ...rtpParameters, headerExtensions };
}
