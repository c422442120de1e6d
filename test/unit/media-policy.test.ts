// The big-meeting policy with fake participants: what each viewer receives, and that it stays
// bounded for the 611-site city meeting.
import { describe, expect, it } from 'vitest';
import { RoomPolicy, STAGE_LAYER, THUMBNAIL_LAYER, THUMBNAIL_TEMPORAL_LAYER, type PolicyParticipant, type PolicySnapshot } from '../../src/media/policy.ts';

const site = (n: number, extra: Partial<PolicyParticipant> = {}): PolicyParticipant => ({ userId: `u${n}`, camera: `cam${n}`, mic: `mic${n}`, ...extra });
const meeting = (count: number, over: Partial<PolicySnapshot> = {}): PolicySnapshot => ({
  participants: Array.from({ length: count }, (_, i) => site(i)),
  chairId: 'u0',
  stageUserId: null,
  recentSpeakers: [],
  audibleSpeakers: 3,
  thumbnailsPerPage: 8,
  ...over,
});
const roles = (w: Map<string, { role: string; spatialLayer: number }>) => Object.fromEntries([...w].map(([id, x]) => [id, `${x.role}@${x.spatialLayer}`]));

describe('RoomPolicy', () => {
  it('in a small meeting everyone sees and hears everyone, the chair on stage', () => {
    const policy = new RoomPolicy(meeting(3));
    expect(roles(policy.wantedBy('u2', 0))).toEqual({
      cam0: `stage@${STAGE_LAYER}`,
      cam1: `thumbnail@${THUMBNAIL_LAYER}`,
      mic0: 'audio@0',
      mic1: 'audio@0',
    });
    // The chair does not receive himself; the others are thumbnails.
    expect(roles(policy.wantedBy('u0', 0))).toEqual({ cam1: 'thumbnail@0', cam2: 'thumbnail@0', mic1: 'audio@0', mic2: 'audio@0' });
  });

  it('puts the floor holder on stage and the chair among the thumbnails', () => {
    const policy = new RoomPolicy(meeting(4, { stageUserId: 'u3' }));
    expect(policy.stageUserId).toBe('u3');
    const w = policy.wantedBy('u1', 0);
    expect(w.get('cam3')).toEqual({ role: 'stage', spatialLayer: STAGE_LAYER });
    expect(w.get('cam0')).toEqual({ role: 'thumbnail', spatialLayer: THUMBNAIL_LAYER, temporalLayer: THUMBNAIL_TEMPORAL_LAYER });
    // A floor holder who left gives the stage back to the chair.
    expect(new RoomPolicy(meeting(4, { stageUserId: 'gone' })).stageUserId).toBe('u0');
  });

  it('while someone holds the floor, only they and the chair are heard: active speakers are not', () => {
    const speakers = { recentSpeakers: ['u500', 'u17'] };
    const free = new RoomPolicy(meeting(611, { stageUserId: 'u42', ...speakers }));
    expect(free.audible).toEqual(['u0', 'u42', 'u500', 'u17', 'u1']);
    const held = new RoomPolicy(meeting(611, { stageUserId: 'u42', floorUserId: 'u42', ...speakers }));
    expect(held.audible).toEqual(['u0', 'u42']);
    expect([...held.wantedBy('u300', 0)].filter(([, x]) => x.role === 'audio').map(([id]) => id)).toEqual(['mic0', 'mic42']);
    // The holder hears the chair; the chair hears the holder; a speaker who talks anyway reaches nobody.
    expect([...held.wantedBy('u42', 0)].filter(([, x]) => x.role === 'audio').map(([id]) => id)).toEqual(['mic0']);
    expect(held.wantedBy('u0', 0).has('mic500')).toBe(false);
    // A holder who left the room frees the floor: the chair on stage, speakers heard again.
    expect(new RoomPolicy(meeting(611, { floorUserId: 'gone', ...speakers })).audible).toEqual(['u0', 'u500', 'u17', 'u1']);
  });

  it('keeps the 611-site meeting bounded: stage, one page of thumbnails, chair and recent speakers', () => {
    const policy = new RoomPolicy(meeting(611, { recentSpeakers: ['u500', 'u17', 'u42', 'u99'] }));
    expect(policy.audible).toEqual(['u0', 'u500', 'u17', 'u42']);
    let most = 0;
    for (let i = 0; i < 611; i++) {
      const w = policy.wantedBy(`u${i}`, 0);
      most = Math.max(most, w.size);
      const audio = [...w.values()].filter((x) => x.role === 'audio').length;
      expect(audio).toBeLessThanOrEqual(4);
    }
    expect(most).toBe(1 + 8 + 4); // stage + page + chair's and three speakers' audio
    // A commune hears the chair and the recent speakers, nobody else.
    const w = policy.wantedBy('u300', 0);
    expect([...w].filter(([, x]) => x.role === 'audio').map(([id]) => id).sort()).toEqual(['mic0', 'mic17', 'mic42', 'mic500']);
  });

  it('pages through the others without the viewer or the stage, and clamps past the end', () => {
    const policy = new RoomPolicy(meeting(20, { thumbnailsPerPage: 5 }));
    const page = (viewer: string, p: number) => [...policy.wantedBy(viewer, p)].filter(([, x]) => x.role === 'thumbnail').map(([id]) => id);
    // The chair is on stage, so the gallery is u1…u19; u3 does not see himself.
    expect(page('u3', 0)).toEqual(['cam1', 'cam2', 'cam4', 'cam5', 'cam6']);
    expect(page('u3', 1)).toEqual(['cam7', 'cam8', 'cam9', 'cam10', 'cam11']);
    expect(policy.pageCount('u3')).toBe(4);
    expect(page('u3', 3)).toEqual(['cam17', 'cam18', 'cam19']);
    expect(page('u3', 99)).toEqual(page('u3', 3));
    const all = [0, 1, 2, 3].flatMap((p) => page('u3', p));
    expect(new Set(all).size).toBe(18);
  });

  it('sends screen shares to everyone else and skips sites without a camera', () => {
    const participants = [site(0), site(1, { screen: 'scr1', screenAudio: 'sa1' }), site(2, { camera: undefined }), site(3)];
    const policy = new RoomPolicy(meeting(0, { participants }));
    const w = policy.wantedBy('u3', 0);
    expect(w.get('scr1')).toEqual({ role: 'screen', spatialLayer: STAGE_LAYER });
    expect(w.get('sa1')?.role).toBe('screen');
    expect([...w.keys()].filter((k) => k.startsWith('cam'))).toEqual(['cam0', 'cam1']);
    expect(policy.wantedBy('u1', 0).has('scr1')).toBe(false);
  });
});
