// A server restart loses nothing of a meeting in progress: the floor queue and its holder, an
// open vote and the ballots already cast are read back from the database (the same PGlite data
// directory, or the same Postgres database), the room is rebuilt with the holder on stage, and
// the vote goes on to a result that counts ballots from before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from '../helpers/database.ts';
import { createCityMeeting, demoDirectory } from '../helpers/meetings.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signallingClients } from '../helpers/signalling-client.ts';

describe(`a restart keeps the floor queue and an open vote (${databaseKind})`, () => {
  let t: TestServer;
  const clients = signallingClients(() => t.url);

  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    clients.closeAll();
    await t?.close();
  });

  it('reads the queue, the holder and the open vote back after the restart, and the vote goes on', async () => {
    const meetingId = await createCityMeeting(t.url, { invite: ['d01', 'd02'] });
    const dir = await demoDirectory(t.url);
    const ids = Object.fromEntries(await Promise.all(['city.leader', 'd01.member', 'd02.member', 'd01.leader'].map(async (u) => [u, await dir.user(u)] as const)));
    const chair = await clients.connect('city.leader');
    await chair.joinMeeting(meetingId);
    const a = await clients.connect('d01.member');
    await a.joinMeeting(meetingId);
    const b = await clients.connect('d02.member');
    await b.joinMeeting(meetingId);
    const c = await clients.connect('d01.leader');
    await c.joinMeeting(meetingId);
    for (const p of [a, b, c]) await p.ok('raiseHand', { meetingId });
    await chair.ok('grantFloor', { meetingId });
    const vote = await chair.ok('openVote', { meetingId, question: 'Thông qua kế hoạch?', mode: 'secret', eligibility: 'person' });
    await a.ok('castBallot', { voteId: vote.id, choice: 'yes' });
    await b.ok('castBallot', { voteId: vote.id, choice: 'no' });
    const before = await chair.ok('getFloor', { meetingId });
    expect(before.holder?.userId).toBe(ids['d01.member']);

    clients.closeAll();
    await t.restart();

    // Everyone comes back on new sockets (the same accounts), as the room page does.
    const chair2 = await clients.connect('city.leader');
    const floor = await chair2.ok('getFloor', { meetingId });
    expect(floor).toEqual(before);
    expect(floor.queue.map((q) => q.userId)).toEqual([ids['d02.member'], ids['d01.leader']]);
    const [open] = (await chair2.ok('getVotes', { meetingId })).votes;
    expect(open).toMatchObject({ id: vote.id, status: 'open', live: { cast: 2, counts: null } });
    const a2 = await clients.connect('d01.member');
    await a2.joinMeeting(meetingId);
    expect((await a2.ok('getVotes', { meetingId })).votes[0]?.myBallot?.choice).toBe('yes');
    // The rebuilt room puts the floor holder on stage.
    const rejoined = await chair2.joinMeeting(meetingId);
    expect(rejoined.joined.room.stageUserId).toBe(ids['d01.member']);
    // The vote goes on: a ballot after the restart, then the close counts all three.
    const c2 = await clients.connect('d01.leader');
    await c2.joinMeeting(meetingId);
    await c2.ok('castBallot', { voteId: vote.id, choice: 'yes' });
    const closed = await chair2.ok('closeVote', { voteId: vote.id });
    expect(closed.result).toMatchObject({ counts: { yes: 2, no: 1, abstain: 0 }, cast: 3 });
    // And the queue moves on from where it was.
    expect((await chair2.ok('nextFloor', { meetingId })).holder?.userId).toBe(ids['d02.member']);
  });
});
