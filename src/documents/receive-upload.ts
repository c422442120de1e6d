// A multipart upload streamed to a temporary file while it is hashed and counted: memory holds a
// chunk at a time whatever the file's size. The first KiB is kept for the "is it a PDF at all"
// test; the PDF reader itself runs later, on the file.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {} from '@fastify/multipart'; // its types add parts() and isMultipart() to requests
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.ts';
import type { BlobStore } from './blob-store.ts';

/** The field an upload's PDF travels in. */
export const FILE_FIELD = 'file';
/** Bytes of a file kept to look for the `%PDF-` header (ISO 32000-1 §7.5.2; readers allow junk before it). */
export const HEAD_BYTES = 1024;
/** Multipart framing and the small text fields around the file, on top of the file's own limit. */
const MULTIPART_SLACK = 64 * 1024;
/** Only a handful of short text fields travel with a file (title, agenda item). */
const MAX_FIELDS = 8;
const MAX_FIELD_BYTES = 2000;

export interface ReceivedFile {
  tempPath: string;
  sha256: string;
  size: number;
  /** Up to HEAD_BYTES first bytes. */
  head: Buffer;
  /** As the client named it (no directories), '' when it sent none. */
  filename: string;
}

export interface ReceivedUpload {
  file: ReceivedFile;
  /** Text fields, first value of each name. */
  fields: Record<string, string>;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('document.too_large', { params: { maxMb: Math.round((maxBytes / 1048576) * 100) / 100 } });
}

/**
 * Reads the request's multipart body: the part named `file` goes to a temporary file of the
 * store, other file parts are drained, text fields are collected. Refuses a body that says up
 * front it is too large without reading it. A file that turns out too large is deleted; when the
 * body's length was declared (browsers always declare it) the rest, at most the slack, is read
 * and dropped so the client receives the refusal rather than a reset; a body of undeclared
 * length is refused at once (its sender may never stop). On any failure no temporary file is
 * left; the caller closes the connection when the body was not read to its end.
 */
export async function receiveUpload(request: FastifyRequest, blobs: BlobStore, maxBytes: number): Promise<ReceivedUpload> {
  const declared = Number(request.headers['content-length']);
  const lengthKnown = request.headers['content-length'] !== undefined && Number.isFinite(declared);
  if (lengthKnown && declared > maxBytes + MULTIPART_SLACK) throw tooLarge(maxBytes);
  if (!request.isMultipart()) throw new AppError('document.upload_invalid');

  const fields: Record<string, string> = {};
  let file: ReceivedFile | undefined;
  let oversized = false;
  const tempPath = blobs.tempPath();
  try {
    const parts = request.parts({
      limits: { fileSize: maxBytes + 1, files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + 1 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== FILE_FIELD || file || oversized) {
        await drain(part.file);
        continue;
      }
      // busboy stops passing bytes at the limit but ends the part only at its boundary, which a
      // sender of undeclared length may never send: stop now rather than wait for it.
      if (!lengthKnown) part.file.once('limit', () => part.file.destroy(tooLarge(maxBytes)));
      const written = await writeHashed(part.file, tempPath);
      // busboy stops at maxBytes + 1 and marks the stream truncated; either way it is too large.
      if (part.file.truncated || written.size > maxBytes) {
        oversized = true;
        await blobs.discard(tempPath);
        continue;
      }
      file = { ...written, tempPath, filename: part.filename ?? '' };
    }
  } catch (err) {
    await blobs.discard(tempPath);
    throw multipartProblem(err, maxBytes);
  }
  if (oversized) throw tooLarge(maxBytes);
  if (!file) throw new AppError('document.upload_invalid');
  return { file, fields };
}

/** Streams `source` into a new file at `path`, returning its SHA-256, size and first bytes. */
async function writeHashed(source: Readable, path: string): Promise<{ sha256: string; size: number; head: Buffer }> {
  const hash = createHash('sha256');
  let size = 0;
  const headChunks: Buffer[] = [];
  let headLength = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      if (headLength < HEAD_BYTES) {
        const piece = chunk.subarray(0, HEAD_BYTES - headLength);
        headChunks.push(Buffer.from(piece)); // a copy: the chunk's memory is reused by the parser
        headLength += piece.length;
      }
      callback(null, chunk);
    },
  });
  // `wx`: a temporary name is never reused; `flush`: the bytes are on disk before the rename.
  await pipeline(source, tap, createWriteStream(path, { flags: 'wx', mode: 0o600, flush: true }));
  return { sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks) };
}

async function drain(stream: Readable): Promise<void> {
  stream.resume();
  await new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
}

/** @fastify/multipart's limit and framing errors as catalogue codes; anything else as it is. */
function multipartProblem(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new AppError('document.upload_invalid', { extra: { detail: 'Send one PDF in the field "file" and at most a few short text fields.' }, cause: err });
  }
  if (code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_JSON_FIELD_ERROR') return new AppError('bad_request', { cause: err });
  // busboy's framing errors ("Unexpected end of multipart data", "Malformed part header",
  // "Multipart: Boundary not found") are plain Errors: a body that is not the multipart it
  // claims is the client's mistake. Our own file errors carry a syscall and stay 500s.
  if (err instanceof Error && !('syscall' in err) && /multipart|boundary|part header|unexpected end/i.test(err.message)) {
    return new AppError('document.upload_invalid', { extra: { detail: 'The multipart/form-data body is malformed.' }, cause: err });
  }
  return err;
}
