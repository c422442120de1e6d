// A Range request answered from a cached whole file (RFC 9110 §14): the cache holds each
// document version once, whole, and readers that ask for parts (a browser's PDF viewer, pdf.js
// loading by URL) get a 206 with exactly those bytes — or a 416 for a range outside the file.

export type ByteRange = { start: number; end: number };

/**
 * The one range of a `bytes=` Range header within a file of `size` bytes: `null` for no header
 * or one this does not serve (several ranges, another unit: the whole file is answered, which
 * RFC 9110 §14.2 allows), `'unsatisfiable'` when it lies outside the file.
 */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return null;
  if (first === '') {
    // A suffix: the last N bytes.
    const n = Number(last);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { start, end };
}

/** The answer to `rangeHeader` from the cached whole-file response `full`. */
export async function rangeResponse(full: Response, rangeHeader: string | null): Promise<Response> {
  if (!rangeHeader) return full;
  const body = await full.blob();
  const range = parseRange(rangeHeader, body.size);
  const headers = new Headers(full.headers);
  headers.set('Accept-Ranges', 'bytes');
  if (range === null) return new Response(body, { status: 200, headers });
  if (range === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${body.size}`);
    headers.set('Content-Length', '0');
    return new Response(null, { status: 416, headers });
  }
  headers.set('Content-Range', `bytes ${range.start}-${range.end}/${body.size}`);
  headers.set('Content-Length', String(range.end - range.start + 1));
  return new Response(body.slice(range.start, range.end + 1), { status: 206, headers });
}
