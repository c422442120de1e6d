// What the signing pool and its workers say to each other. Everything crosses a thread by
// structured clone, which keeps neither classes nor functions: SigningError travels as its code
// and message and is rebuilt on the other side, so callers see the same errors as with signPdf.
import { SIGNING_ERROR_CODES, SigningError, type SigningErrorCode } from '../errors.ts';
import type { PdfFacts } from '../inspect-pdf.ts';
import type { AppendDssOptions, PreparedSignature } from '../pdf/index.ts';
import type { DocumentOptions } from '../sign-pdf.ts';
import type { VerificationReport, VerifyPdfOptions } from '../verify/index.ts';

export type WorkerRequest =
  | { id: number; kind: 'prepare'; input: Uint8Array; doc: DocumentOptions }
  | { id: number; kind: 'appendDss'; signed: Uint8Array; data: AppendDssOptions }
  /** The document store's check of an upload: the worker reads the file itself. */
  | { id: number; kind: 'inspect'; path: string }
  /** verifyPdf: parsing every revision and hashing the ranges of a large file is seconds of CPU. */
  | { id: number; kind: 'verify'; input: Uint8Array; options: VerifyPdfOptions };

export type WorkerResponse =
  | { type: 'ready' }
  | { type: 'prepared'; id: number; prepared: PreparedSignature }
  | { type: 'dss'; id: number; bytes: Uint8Array }
  | { type: 'inspected'; id: number; facts: PdfFacts }
  | { type: 'verified'; id: number; report: VerificationReport }
  | { type: 'failed'; id: number; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  code?: SigningErrorCode;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof SigningError) return { name: err.name, message: err.message, code: err.code };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

export function deserializeError(e: SerializedError): Error {
  if (e.code && (SIGNING_ERROR_CODES as readonly string[]).includes(e.code)) return new SigningError(e.code, e.message);
  if (e.name === 'RangeError') return new RangeError(e.message);
  if (e.name === 'TypeError') return new TypeError(e.message);
  return new Error(e.message);
}

const COPY_CHUNK = 1 << 20;

/**
 * `bytes` in shared memory, so posting them to a worker copies nothing. Bytes already shared
 * are used as they are; others are copied a mebibyte per turn of the event loop, because one
 * 10 MB copy (page faults included) holds the loop for 5–10 ms on a small VM.
 */
export async function shareBytes(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const out = new Uint8Array(new SharedArrayBuffer(bytes.length));
  for (let at = 0; at < bytes.length; at += COPY_CHUNK) {
    if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    out.set(bytes.subarray(at, at + COPY_CHUNK), at);
  }
  return out;
}
