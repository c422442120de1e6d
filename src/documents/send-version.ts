// Serving one immutable version's bytes from disk (RFC 9110): a strong ETag that is the SHA-256,
// If-None-Match → 304, a single byte Range → 206 (416 when it lies outside the file), and cache
// headers saying the bytes at this URL never change. The file is streamed, never buffered.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.ts';
import type { BlobStore } from './blob-store.ts';

export interface ServedVersion {
  sha256: string;
  size: number;
  /** Offered as the download's file name (`.pdf` added). */
  title: string;
}

/** A version never changes, so a tablet may keep it for a year without asking again. */
export const IMMUTABLE_CACHE = 'private, max-age=31536000, immutable';

export function sendVersion(request: FastifyRequest, reply: FastifyReply, blobs: BlobStore, version: ServedVersion): FastifyReply {
  const etag = `"${version.sha256}"`;
  // §13.1.2: If-None-Match uses the weak comparison, so W/"x" matches "x" too.
  if (matchesAny(request.headers['if-none-match'], etag)) {
    return reply.code(304).header('ETag', etag).header('Cache-Control', IMMUTABLE_CACHE).send();
  }
  const range = rangeToServe(request, etag, version.size);
  if (range === 'unsatisfiable') {
    reply.header('Content-Range', `bytes */${version.size}`);
    throw new AppError('document.range_not_satisfiable');
  }
  reply
    .header('ETag', etag)
    .header('Cache-Control', IMMUTABLE_CACHE)
    .header('Accept-Ranges', 'bytes')
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', contentDisposition(version.title));
  if (range) {
    reply
      .code(206)
      .header('Content-Range', `bytes ${range.start}-${range.end}/${version.size}`)
      .header('Content-Length', range.end - range.start + 1);
    return reply.send(blobs.openRead(version.sha256, range));
  }
  reply.header('Content-Length', version.size);
  return reply.send(blobs.openRead(version.sha256));
}

function matchesAny(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * The one range to send, undefined for the whole file. §14.2: a Range that does not parse is
 * ignored; several ranges are answered with the whole file (allowed, and simpler for clients
 * than multipart/byteranges); an If-Range that names another validator means "send it all".
 */
function rangeToServe(request: FastifyRequest, etag: string, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const header = request.headers.range;
  if (!header || request.method !== 'GET') return undefined;
  const ifRange = request.headers['if-range'];
  if (typeof ifRange === 'string' && ifRange.trim() !== etag) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    // A suffix: the last N bytes (§14.1.1).
    const n = Number(last);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined; // invalid: ignored
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name (Vietnamese titles keep their diacritics). */
function contentDisposition(title: string): string {
  const name = `${title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').trim().slice(0, 150) || 'document'}.pdf`;
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'document.pdf';
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
