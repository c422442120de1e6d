// Renders PDF pages with poppler (pdftoppm, pdftotext) so tests can check what a reader sees.
// pdftoppm writes binary PPM (P6), trivial to parse; the same pixels are saved as PNG for people.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encodeRgbaPng } from '../../src/signing/appearance/png-encode.ts';

const run = promisify(execFile);

export interface Raster {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel, rows top to bottom. */
  rgb: Uint8Array;
  /** Pixels per PDF point. */
  scale: number;
}

export function parsePpm(bytes: Uint8Array): { width: number; height: number; rgb: Uint8Array } {
  // Header: "P6" whitespace width whitespace height whitespace maxval, one whitespace, pixels.
  const header = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m || m[3] !== '255') throw new Error('parsePpm: not an 8-bit P6 file');
  const width = Number(m[1]);
  const height = Number(m[2]);
  const rgb = bytes.subarray(m[0].length, m[0].length + width * height * 3);
  if (rgb.length !== width * height * 3) throw new Error('parsePpm: truncated pixel data');
  return { width, height, rgb };
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ecabinet-render-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Renders page `page` (1-based) of the crop box, as a viewer shows it, at `dpi`. */
export async function renderPage(pdf: Uint8Array, page = 1, dpi = 144): Promise<Raster> {
  return withTempDir(async (dir) => {
    const input = join(dir, 'in.pdf');
    await writeFile(input, pdf);
    const args = ['-r', String(dpi), '-cropbox', '-f', String(page), '-l', String(page), '-singlefile'];
    await run('pdftoppm', [...args, input, join(dir, 'out')]);
    return { ...parsePpm(await readFile(join(dir, 'out.ppm'))), scale: dpi / 72 };
  });
}

export function rasterToPng(r: Raster): Uint8Array {
  const rgba = new Uint8Array(r.width * r.height * 4);
  for (let i = 0, j = 0; i < r.rgb.length; i += 3, j += 4) {
    rgba[j] = r.rgb[i] ?? 0;
    rgba[j + 1] = r.rgb[i + 1] ?? 0;
    rgba[j + 2] = r.rgb[i + 2] ?? 0;
    rgba[j + 3] = 255;
  }
  return encodeRgbaPng(r.width, r.height, rgba);
}

/** pdftotext of one page, UTF-8, in reading order. */
export async function pageText(pdf: Uint8Array, page = 1): Promise<string> {
  return withTempDir(async (dir) => {
    const input = join(dir, 'in.pdf');
    await writeFile(input, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), input, '-']);
    return stdout;
  });
}

/** pdftotext of the whole document, UTF-8, in reading order. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  return withTempDir(async (dir) => {
    const input = join(dir, 'in.pdf');
    await writeFile(input, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', input, '-'], { maxBuffer: 64 << 20 });
    return stdout;
  });
}

/** Bounding box, in PDF points on the page as seen, of the pixels for which `match` holds. */
export function boundsOf(
  r: Raster,
  match: (red: number, green: number, blue: number) => boolean,
): { x: number; y: number; w: number; h: number; count: number } | undefined {
  let [x0, y0, x1, y1, count] = [Infinity, Infinity, -Infinity, -Infinity, 0];
  for (let py = 0; py < r.height; py++) {
    for (let px = 0; px < r.width; px++) {
      const i = (py * r.width + px) * 3;
      if (!match(r.rgb[i] ?? 0, r.rgb[i + 1] ?? 0, r.rgb[i + 2] ?? 0)) continue;
      count++;
      x0 = Math.min(x0, px);
      x1 = Math.max(x1, px + 1);
      y0 = Math.min(y0, py);
      y1 = Math.max(y1, py + 1);
    }
  }
  if (!count) return undefined;
  // Image rows go down from the top; PDF y goes up from the bottom.
  const s = r.scale;
  return { x: x0 / s, y: (r.height - y1) / s, w: (x1 - x0) / s, h: (y1 - y0) / s, count };
}

/** Pixels inside a PDF-point rectangle (page as seen) for which `match` holds, and the total. */
export function countIn(
  r: Raster,
  rect: { x: number; y: number; w: number; h: number },
  match: (red: number, green: number, blue: number) => boolean,
): { hits: number; total: number } {
  const s = r.scale;
  let [hits, total] = [0, 0];
  const px0 = Math.max(0, Math.round(rect.x * s));
  const px1 = Math.min(r.width, Math.round((rect.x + rect.w) * s));
  const py0 = Math.max(0, Math.round(r.height - (rect.y + rect.h) * s));
  const py1 = Math.min(r.height, Math.round(r.height - rect.y * s));
  for (let py = py0; py < py1; py++) {
    for (let px = px0; px < px1; px++) {
      const i = (py * r.width + px) * 3;
      total++;
      if (match(r.rgb[i] ?? 0, r.rgb[i + 1] ?? 0, r.rgb[i + 2] ?? 0)) hits++;
    }
  }
  return { hits, total };
}

/** Seal ink: clearly red. Signature ink: clearly blue. */
export const isRed = (r: number, g: number, b: number): boolean => r > 140 && r > g + 60 && r > b + 60;
export const isBlue = (r: number, g: number, b: number): boolean => b > 100 && b > r + 50 && b > g + 40;
export const isInk = (r: number, g: number, b: number): boolean => Math.min(r, g, b) < 200;
