// The service worker answers a Range request for a document on the tablet from the whole
// cached file (web/src/sw/byte-range.ts): the bytes asked for, with the headers of RFC 9110 §14.
import { describe, expect, it } from 'vitest';
import { parseRange, rangeResponse } from '../../web/src/sw/byte-range.ts';

const file = () => new Response(new Uint8Array(Array.from({ length: 100 }, (_, i) => i)), { headers: { 'Content-Type': 'application/pdf', ETag: '"abc"' } });

describe('parseRange', () => {
  it('reads the forms a reader sends', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=95-200', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
  });

  it('says unsatisfiable for a range past the end, and ignores what it does not serve', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange('bytes=9-3', 100)).toBeNull();
  });
});

describe('rangeResponse', () => {
  it('answers 206 with exactly the bytes asked for and where they lie', async () => {
    const res = await rangeResponse(file(), 'bytes=10-14');
    expect(res.status).toBe(206);
    expect(res.headers.get('Content-Range')).toBe('bytes 10-14/100');
    expect(res.headers.get('Content-Length')).toBe('5');
    expect(res.headers.get('ETag')).toBe('"abc"');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([10, 11, 12, 13, 14]);
  });

  it('answers 416 with the size for a range outside the file, and the whole file without a range', async () => {
    const outside = await rangeResponse(file(), 'bytes=150-');
    expect(outside.status).toBe(416);
    expect(outside.headers.get('Content-Range')).toBe('bytes */100');
    const whole = await rangeResponse(file(), null);
    expect(whole.status).toBe(200);
    expect((await whole.arrayBuffer()).byteLength).toBe(100);
  });
});
