// The minutes' layout in a worker thread: a 600-site meeting's PDF takes seconds of CPU, which
// must not stall the event loop that serves the meeting's sockets and every other request.
// Messages: {id, facts} in; {id, bytes} (transferred) or {id, error} out.
import { parentPort } from 'node:worker_threads';
import type { MinutesFacts } from '../minutes-facts.ts';
import { readMinutesFonts } from './fonts.ts';
import { renderMinutesPdf, type FontBytes } from './minutes-pdf.ts';

export type RenderRequest = { id: number; facts: MinutesFacts };
export type RenderResponse = { id: number; bytes: Uint8Array } | { id: number; error: string };

let fonts: Promise<FontBytes> | undefined;

parentPort?.on('message', (msg: RenderRequest) => {
  fonts ??= readMinutesFonts();
  fonts
    .then((f) => renderMinutesPdf(msg.facts, f))
    .then((bytes) => parentPort?.postMessage({ id: msg.id, bytes } satisfies RenderResponse, [bytes.buffer as ArrayBuffer]))
    .catch((err: unknown) => parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies RenderResponse));
});
