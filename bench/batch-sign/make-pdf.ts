// The batch benchmark's document: 200 A4 pages of text (an ordinary typed report, a few hundred
// kB), deterministic so every run signs the same bytes. Cached under node_modules/.cache/.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const PAGES = 200;
const VERSION = 1;
const LINE = 'Report of the people\u2019s committee, meeting document {n}, page {p}: text for the signing benchmark.';

export async function batchPdf(cacheDir: string): Promise<{ path: string; bytes: Uint8Array; generated: boolean }> {
  const path = join(cacheDir, `report-${PAGES}p-v${VERSION}.pdf`);
  if (existsSync(path)) return { path, bytes: new Uint8Array(await readFile(path)), generated: false };
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= PAGES; p++) {
    const page = doc.addPage([595, 842]);
    for (let l = 0; l < 40; l++) page.drawText(LINE.replace('{n}', String(l + 1)).replace('{p}', String(p)), { x: 48, y: 790 - l * 18, size: 9, font });
  }
  const bytes = await doc.save({ useObjectStreams: true });
  await mkdir(cacheDir, { recursive: true });
  await writeFile(`${path}.tmp`, bytes);
  await rename(`${path}.tmp`, path);
  return { path, bytes, generated: true };
}
