// Rooms opened for their capabilities (getRouterRtpCapabilities) that nobody joins close after
// the idle time, so the open rooms (and the ecabinet_media_rooms gauge) cannot grow without
// bound; a room someone joined stays open until the last participant leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from '../helpers/database.ts';
import { createCityMeeting } from '../helpers/meetings.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signallingClients } from '../helpers/signalling-client.ts';

const IDLE_MS = 400;

describe(`idle media rooms (${databaseKind})`, () => {
  let t: TestServer;
  const clients = signallingClients(() => t.url);

  beforeAll(async () => {
    t = await startTestServer({ MEDIA_IDLE_ROOM_SECONDS: String(IDLE_MS / 1000) });
  });
  afterAll(async () => {
    clients.closeAll();
    await t?.close();
  });

  const gauge = async (): Promise<number> => {
    const text = await (await fetch(`${t.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('ecabinet_media_rooms '));
    return Number(line?.split(' ')[1]);
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('closes rooms nobody joined after the idle time', async () => {
    const member = await clients.connect('city.leader');
    const meetings = await Promise.all([1, 2, 3].map(() => createCityMeeting(t.url, { invite: ['d01'] })));
    for (const meetingId of meetings) await member.ok('getRouterRtpCapabilities', { meetingId });
    // Asking again for an open room makes no second one.
    await member.ok('getRouterRtpCapabilities', { meetingId: meetings[0] as string });
    expect(await gauge()).toBe(3);
    await expect.poll(gauge, { timeout: IDLE_MS * 10, interval: 100 }).toBe(0);
    expect(meetings.map((id) => t.server.app.media.rooms.get(id))).toEqual([undefined, undefined, undefined]);
  });

  it('keeps a room someone joined past the idle time, and closes it when the last one leaves', async () => {
    const meetingId = await createCityMeeting(t.url, { invite: ['d01'] });
    const chair = await clients.connect('city.leader');
    await chair.joinMeeting(meetingId);
    const member = await clients.connect('d01.member');
    await member.joinMeeting(meetingId);
    const room = t.server.app.media.rooms.get(meetingId);
    expect(room).toBeDefined();

    await chair.ok('leave', {});
    await sleep(IDLE_MS * 2);
    expect(t.server.app.media.rooms.get(meetingId)).toBe(room);
    expect(room?.closed).toBe(false);

    await member.ok('leave', {});
    expect(room?.closed).toBe(true);
    expect(await gauge()).toBe(0);
  });
});
