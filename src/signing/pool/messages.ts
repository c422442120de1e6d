// What the signing pool and its worker processes say to each other. Everything crosses by the
// IPC channel's structured clone ('advanced' serialization), which keeps neither classes nor
// functions: SigningError travels as its code and message and is rebuilt on the other side, so
// callers see the same errors as with signPdf.
import { SIGNING_ERROR_CODES, SigningError, type SigningErrorCode } from '../errors.ts';
import type { PdfFacts } from '../inspect-pdf.ts';
import type { AppendDssOptions } from '../pdf/index.ts';
import type { DocumentOptions } from '../sign-pdf.ts';
import type { VerificationReport, VerifyPdfOptions } from '../verify/index.ts';

export type WorkerRequest =
  /**
   * A signature from file to file: the worker reads `path`, prepares and keeps the document
   * (answering only its digest) until `complete` brings the CMS and the file to write, or
   * `abandon` says the signature failed. The document's bytes never cross.
   */
  | { id: number; kind: 'prepareFile'; path: string; doc: DocumentOptions }
  | { id: number; kind: 'completeFile'; held: number; cms: Uint8Array; dss?: AppendDssOptions; out: string; durable: boolean }
  | { id: number; kind: 'abandon'; held: number }
  /** The document store's check of an upload: the worker reads the file itself. */
  | { id: number; kind: 'inspect'; path: string }
  /** verifyPdf of a file: parsing every revision and hashing the ranges of a large file is seconds of CPU. */
  | { id: number; kind: 'verifyFile'; path: string; options: VerifyPdfOptions };

export type WorkerResponse =
  | { type: 'ready' }
  | { type: 'held'; id: number; digest: Uint8Array }
  | { type: 'written'; id: number; sha256: string; size: number }
  | { type: 'abandoned'; id: number }
  | { type: 'inspected'; id: number; facts: PdfFacts }
  /** With the SHA-256 and size of the bytes verified: what was read is what the caller may record. */
  | { type: 'verified'; id: number; report: VerificationReport; sha256: string; size: number }
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
