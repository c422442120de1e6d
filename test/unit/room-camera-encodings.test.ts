// The camera's simulcast encodings per browser (issue 9.12): Firefox ignores L1T3, so only its
// lowest layer gets a frame-rate cap; Chromium's keeps its temporal layers untouched.
import { describe, expect, it } from 'vitest';
import { cameraEncodings } from '../../web/src/features/meeting-room/media-session.ts';

describe('cameraEncodings', () => {
  it("caps the frame rate of Firefox's thumbnail layer only", () => {
    const firefox = cameraEncodings('Firefox120');
    expect(firefox.map((e) => e.maxFramerate)).toEqual([10, undefined, undefined]);
    expect(firefox.every((e) => e.scalabilityMode === 'L1T3')).toBe(true);
  });

  it("leaves Chromium's and Safari's encodings without a cap", () => {
    for (const handler of ['Chrome111', 'Safari12']) expect(cameraEncodings(handler).some((e) => e.maxFramerate !== undefined)).toBe(false);
  });

  it('gives each producer its own copy (mediasoup-client writes rid into them)', () => {
    const first = cameraEncodings('Firefox120');
    (first[0] as { rid?: string }).rid = 'r0';
    expect(cameraEncodings('Firefox120')[0]).not.toHaveProperty('rid');
  });
});
