import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { AppError } from './app-error.ts';
import type { ProblemCode } from './catalogue.ts';
import { problemBody } from './problem-body.ts';

// The security headers the helmet plugin puts on routed answers, for these that no hook sees: a
// problem body is data, never a document to render or frame.
const NO_CONTENT_HEADERS = "X-Content-Type-Options: nosniff\r\nContent-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n";

/**
 * Fastify's `clientErrorHandler` option: requests Node's HTTP parser refuses before Fastify sees
 * them (a header block past the size limit, a broken request line or chunk, a body longer than its
 * Content-Length, a client too slow to send its request) get a problem+json answer too, written
 * straight to the socket as Node's own answer would be. No Accept-Language was read: Vietnamese.
 */
export function problemClientErrors(err: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const code: ProblemCode =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'bad_request';
  const problem = new AppError(code);
  const body = JSON.stringify(problemBody(problem, 'vi'));
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      NO_CONTENT_HEADERS +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
