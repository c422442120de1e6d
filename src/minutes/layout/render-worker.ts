// The minutes' layout in a worker thread: a 600-site meeting's PDF takes seconds of CPU, which
// must not stall the event loop that serves the meeting's sockets and every other request.
// Messages: {id, facts} in; {id, bytes} (transferred) or {id, error} out.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import type { MinutesFacts } from '../minutes-facts.ts';
import { renderMinutesPdf, type FontBytes } from './minutes-pdf.ts';

export type RenderRequest = { id: number; facts: MinutesFacts };
export type RenderResponse = { id: number; bytes: Uint8Array } | { id: number; error: string };

const FONT_DIR = new URL('../../../assets/fonts/', import.meta.url);
let fonts: Promise<FontBytes> | undefined;
const readFonts = async (): Promise<FontBytes> => {
  const [regular, bold] = await Promise.all([readFile(new URL('NotoSans-Regular.ttf', FONT_DIR)), readFile(new URL('NotoSans-Bold.ttf', FONT_DIR))]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
};

parentPort?.on('message', (msg: RenderRequest) => {
  fonts ??= readFonts();
  fonts
    .then((f) => renderMinutesPdf(msg.facts, f))
    .then((bytes) => parentPort?.postMessage({ id: msg.id, bytes } satisfies RenderResponse, [bytes.buffer as ArrayBuffer]))
    .catch((err: unknown) => parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies RenderResponse));
});
