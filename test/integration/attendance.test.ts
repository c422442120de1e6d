// Attendance against the real server and database: joins and leaves recorded per person and
// site (a lost link dated when it went, not when the grace ran out), the chair told the quorum
// as it changes, and the attendance sheet as JSON and as CSV for those who run the meeting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttendanceSheet } from '../../src/contract/attendance.ts';
import type { Notification } from '../../src/contract/realtime.ts';
import { settleEndedMeeting } from '../../src/realtime/index.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { createCityMeeting, demoDirectory } from '../helpers/meetings.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';
import { signallingClients } from '../helpers/signalling-client.ts';

const CHAIR = 'city.leader';
const A = 'd01.member';
const B = 'd02.member';

describe(`attendance (${databaseKind})`, () => {
  let t: TestServer;
  let meetingId: string;
  const ids: Record<string, string> = {};
  const clients = signallingClients(() => t.url);
  const signedIn = new Map<string, ApiClient>();
  /** One login per account for the whole file (logins are rate-limited per account). */
  const as = async (username: string) => {
    let api = signedIn.get(username);
    if (!api) {
      api = new ApiClient(t.url, 'vi');
      expect((await api.login(username, DEMO_PASSWORD)).status).toBe(200);
      signedIn.set(username, api);
    }
    return api;
  };

  beforeAll(async () => {
    t = await startTestServer({ MEDIA_RECONNECT_GRACE_SECONDS: '1' });
    meetingId = await createCityMeeting(t.url, { invite: ['d01', 'd02'] });
    const dir = await demoDirectory(t.url);
    for (const u of [CHAIR, A, B]) ids[u] = await dir.user(u);
  });
  afterAll(async () => {
    clients.closeAll();
    await t?.close();
  });

  it('records each presence per person and site, tells the chair the quorum, and lists it all on the sheet', async () => {
    const chair = await clients.connect(CHAIR);
    await chair.joinMeeting(meetingId);
    const a = await clients.connect(A);
    await a.joinMeeting(meetingId, 'tablet');
    // The chair's unit (the city) was not invited: present, but not a unit of the quorum.
    expect(await chair.next('attendanceUpdated', (d) => d.quorum.presentPeople === 2)).toEqual({
      meetingId,
      quorum: { presentUnits: 1, invitedUnits: 2, ratio: 0.5, presentPeople: 2 },
    });
    const b = await clients.connect(B);
    await b.joinMeeting(meetingId, 'meeting room');
    await chair.next('attendanceUpdated', (d) => d.quorum.presentUnits === 2);
    await b.ok('leave', {});
    // A's link drops: the others keep his place for the grace (1 s), then he is recorded as gone
    // from when the link went.
    const lost = Date.now();
    a.close();
    await chair.next('attendanceUpdated', (d) => d.quorum.presentPeople === 1, 5000);
    const a2 = await clients.connect(A);
    await a2.joinMeeting(meetingId, 'tablet');

    const res = await (await as(CHAIR)).get(`/api/meetings/${meetingId}/attendance`);
    expect(res.status).toBe(200);
    const sheet = (await res.json()) as AttendanceSheet;
    expect(sheet.meeting.id).toBe(meetingId);
    expect(sheet.quorum).toEqual({ presentUnits: 1, invitedUnits: 2, ratio: 0.5, presentPeople: 2 });
    expect(sheet.attendees.map((p) => [p.unit.code, p.fullName, p.present, p.sessions.length])).toEqual([
      ['HN', 'Trần Văn Quang', true, 1],
      ['d01', 'Vũ Thị Hồng', true, 2],
      ['d02', 'Đỗ Văn Thành', false, 1],
    ]);
    const [first, second] = sheet.attendees[1]?.sessions ?? [];
    expect(first?.device).toBe('tablet');
    const leftAt = Date.parse(first?.leftAt ?? '');
    expect(leftAt - lost).toBeGreaterThanOrEqual(-50);
    expect(leftAt - lost).toBeLessThan(800); // the grace was 1 s: dated at the drop, not the expiry
    expect(second?.leftAt).toBeNull();
    expect(sheet.units.map((u) => [u.unit.code, u.invited, u.present])).toEqual([
      ['HN', false, true],
      ['d01', true, true],
      ['d02', true, false],
    ]);

    const csv = await (await as('city.clerk')).get(`/api/meetings/${meetingId}/attendance.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('STT,Mã đơn vị,Đơn vị,Họ và tên,Chức vụ,Thiết bị,Vào lúc (giờ Việt Nam),Rời lúc (giờ Việt Nam),Số phút,Trạng thái');
    expect(lines).toHaveLength(1 + 4);
    expect(lines[4]).toMatch(/^4,d02,UBND Quận Hoàn Kiếm,Đỗ Văn Thành,Trưởng phòng Tài chính Quận Hoàn Kiếm,meeting room,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,0,Đã rời$/);
    // Vietnam time: seven hours ahead of the UTC instant the JSON gives.
    const joined = sheet.attendees[2]?.sessions[0]?.joinedAt ?? '';
    expect(lines[4]).toContain(new Date(Date.parse(joined) + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '));
  });

  it('shows the sheet to those who run the meeting only; other invitees and outsiders are refused', async () => {
    for (const [who, status, code] of [
      ['city.clerk', 200, undefined],
      ['city.leader', 200, undefined],
      ['city.member', 403, 'attendance.forbidden'], // of the organising unit, but neither clerk nor leader
      ['d01.member', 403, 'attendance.forbidden'],
      ['c0101.member', 403, 'meeting.not_invited'],
    ] as const) {
      for (const path of ['attendance', 'attendance.csv']) {
        const res = await (await as(who)).get(`/api/meetings/${meetingId}/${path}`);
        expect(res.status, `${who} ${path}`).toBe(status);
        if (code) expect(((await res.json()) as { code: string }).code).toBe(code);
      }
    }
    expect((await new ApiClient(t.url).get(`/api/meetings/${meetingId}/attendance.csv`)).status).toBe(401);
  });

  it('counts an invited subtree unit by unit in the quorum', async () => {
    const district = await createCityMeeting(t.url, { invite: ['d01'], includeSubunits: true, title: 'Quận Ba Đình và các phường' });
    const sheetOf = async () => ((await (await as(CHAIR)).json<AttendanceSheet>(`/api/meetings/${district}/attendance`)) as AttendanceSheet);
    expect((await sheetOf()).quorum).toEqual({ presentUnits: 0, invitedUnits: 15, ratio: 0, presentPeople: 0 });
    const ward = await clients.connect('c0101.member');
    await ward.joinMeeting(district);
    expect((await sheetOf()).quorum).toEqual({ presentUnits: 1, invitedUnits: 15, ratio: 1 / 15, presentPeople: 1 });
    expect((await sheetOf()).units.filter((u) => u.invited)).toHaveLength(15);
  });

  it('closes every presence, the floor and an open vote when the meeting ends', async () => {
    const ending = await createCityMeeting(t.url, { invite: ['d01', 'd02'], title: 'Họp kết thúc' });
    const chair = await clients.connect(CHAIR);
    await chair.joinMeeting(ending);
    const a = await clients.connect(A);
    await a.joinMeeting(ending);
    await a.ok('raiseHand', { meetingId: ending });
    await chair.ok('grantFloor', { meetingId: ending });
    const vote = await chair.ok('openVote', { meetingId: ending, question: 'Kết thúc?', mode: 'open', eligibility: 'person' });
    await a.ok('castBallot', { voteId: vote.id, choice: 'yes' });
    const pushed: Notification[] = [];
    const at = new Date();
    await settleEndedMeeting(t.server.database.db, { toUser: () => {}, toMeeting: (_m, n) => void pushed.push(n) }, ending, at);

    const sheet = await (await as(CHAIR)).json<AttendanceSheet>(`/api/meetings/${ending}/attendance`);
    expect(sheet.quorum).toMatchObject({ presentUnits: 0, presentPeople: 0 });
    expect(sheet.attendees.flatMap((p) => p.sessions.map((s) => s.leftAt))).toEqual([at.toISOString(), at.toISOString()]);
    expect(await chair.ok('getFloor', { meetingId: ending })).toEqual({ meetingId: ending, holder: null, queue: [] });
    const [closed] = (await chair.ok('getVotes', { meetingId: ending })).votes;
    expect(closed).toMatchObject({ status: 'closed', result: { cast: 1, counts: { yes: 1, no: 0, abstain: 0 } } });
    expect(pushed).toMatchObject([{ method: 'voteClosed', data: { id: vote.id, status: 'closed' } }]);
  });
});
