import { describe, expect, it } from 'vitest';
import { loginRequestSchema } from '../../src/contract/auth.ts';
import { createMeetingSchema, meetingListQuerySchema } from '../../src/contract/meetings.ts';
import { requestSchema } from '../../src/contract/realtime.ts';
import { dateTime, secret, text, visibleLength } from '../../src/contract/text.ts';

// The input rules every string of the contract shares (issue 9.7).

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;

describe('text()', () => {
  const line = text({ min: 3, max: 20 });
  const note = text({ max: 200, multiline: true });

  it('refuses NUL and every other control character in a single line, tab and line breaks included', () => {
    for (const bad of ['Họp\u0000', 'a\u0001bc', 'abc\u007f', 'ab\u0085c', 'a\tbc', 'ab\nc', 'ab\rc']) {
      expect(ok(line, bad), JSON.stringify(bad)).toBe(false);
    }
    expect(ok(line, 'Họp giao ban')).toBe(true);
  });

  it('allows tab and line breaks, but not NUL, in multi-line text', () => {
    expect(ok(note, 'Kết luận:\n\t1. Đồng ý\r\n')).toBe(true);
    expect(ok(note, 'Kết luận\u0000')).toBe(false);
    expect(ok(note, 'Kết luận\u001b[31m')).toBe(false);
  });

  it('counts only visible characters towards the minimum', () => {
    for (const blank of ['\u200b\u200b\u200b', '   ', '\u200b \u200d\ufeff', '\u0301\u0301\u0301', '\u3164\u3164\u3164', '\u2800\u2800\u2800']) {
      expect(ok(line, blank), JSON.stringify(blank)).toBe(false);
    }
    // A Vietnamese word typed with combining marks (NFD) is three letters, not five code points.
    expect(visibleLength('Ho\u0323p')).toBe(3);
    expect(ok(line, 'Ho\u0323p')).toBe(true);
    expect(ok(line, 'ab\u200b')).toBe(false);
  });

  it('trims and stores NFC', () => {
    expect(line.parse('  Ho\u0323p  ')).toBe('Họp');
  });

  it('refuses unpaired surrogates, keeps paired ones', () => {
    expect(ok(line, 'abc\ud800')).toBe(false);
    expect(ok(line, '\udc00abc')).toBe(false);
    expect(ok(line, 'abc 😀')).toBe(true);
  });

  it('enforces the maximum after trimming', () => {
    expect(ok(line, 'x'.repeat(20))).toBe(true);
    expect(ok(line, 'x'.repeat(21))).toBe(false);
    expect(ok(line, ` ${'x'.repeat(20)} `)).toBe(true);
  });

  it('secret() keeps a password as typed but refuses control characters', () => {
    const password = secret({ max: 10 });
    expect(password.parse(' pass ')).toBe(' pass ');
    expect(ok(password, 'pa\u0000ss')).toBe(false);
    expect(ok(password, '')).toBe(false);
  });
});

describe('dateTime()', () => {
  const when = dateTime();

  it('accepts instants from 2000 to 2099 with an offset', () => {
    expect(ok(when, '2026-03-01T08:00:00+07:00')).toBe(true);
    expect(ok(when, '2000-01-01T07:00:00+07:00')).toBe(true); // = 2000-01-01T00:00Z
    expect(ok(when, '2099-12-31T23:59:59.999Z')).toBe(true);
  });

  it('refuses years outside 2000–2099 and days that do not exist', () => {
    for (const bad of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1999-12-31T23:59:59Z', '2000-01-01T06:59:59+07:00', '2100-01-01T00:00:00Z', '2025-02-30T08:00:00Z', '2025-13-01T08:00:00Z', 'tomorrow']) {
      expect(ok(when, bad), bad).toBe(false);
    }
  });
});

describe('the contract uses the shared rules', () => {
  const meeting = { title: 'Họp giao ban', startsAt: '2026-03-01T08:00:00+07:00', chairId: '00000000-0000-4000-8000-000000000000' };

  it('meeting title and start', () => {
    expect(ok(createMeetingSchema, meeting)).toBe(true);
    expect(ok(createMeetingSchema, { ...meeting, title: 'Họp\u0000giao ban' })).toBe(false);
    expect(ok(createMeetingSchema, { ...meeting, title: '\u200b\u200b\u200b' })).toBe(false);
    expect(ok(createMeetingSchema, { ...meeting, startsAt: '9999-01-01T00:00:00Z' })).toBe(false);
    expect(ok(meetingListQuerySchema, { since: '0001-01-01T00:00:00Z' })).toBe(false);
  });

  it('login username', () => {
    expect(ok(loginRequestSchema, { username: 'city.clerk', password: 'x' })).toBe(true);
    expect(ok(loginRequestSchema, { username: 'city.clerk\u0000', password: 'x' })).toBe(false);
  });

  it('device name and ids of the signalling protocol', () => {
    const join = { method: 'join', data: { meetingId: meeting.chairId, rtpCapabilities: {}, device: 'tablet' } };
    expect(ok(requestSchema, join)).toBe(true);
    expect(ok(requestSchema, { ...join, data: { ...join.data, device: 'tab\u0000let' } })).toBe(false);
    expect(ok(requestSchema, { method: 'restartIce', data: { transportId: 'a\u0000b' } })).toBe(false);
  });
});
