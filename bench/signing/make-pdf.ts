// The benchmark document: 200 A4 pages of text, each with its own raster image of seeded noise,
// about 10 MB. Deterministic (fixed seed, fixed dates, no producer metadata) so every run and
// every machine signs the same bytes. Images are Flate-compressed RGB samples whose low bits are
// noise, so they keep their size the way scanned pages do instead of compressing away.
// Written with a classic xref table (useObjectStreams: false): @signpdf/placeholder-plain, the
// reference we compare against, cannot parse cross-reference streams.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState, StandardFonts, type PDFName } from 'pdf-lib';

export const PAGES = 200;
const IMAGE_W = 144;
const IMAGE_H = 112;
// Bump when the generator changes, so a stale cached file is never benchmarked.
const VERSION = 1;

/** mulberry32: a tiny seeded PRNG; Math.random() would make every run's file different. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A gradient with 6 bits of noise per sample: deflate saves only ~15%. */
function noiseImage(seed: number): Uint8Array {
  const next = prng(seed);
  const px = new Uint8Array(IMAGE_W * IMAGE_H * 3);
  for (let i = 0; i < px.length; i++) px[i] = ((i % 251) & 0xc0) | (next() & 0x3f);
  return deflateSync(px, { level: 6 });
}

const LINE = 'Ủy ban nhân dân thành phố — tài liệu họp số {n}, trang {p}: nội dung kiểm thử hiệu năng ký số. ';

export async function buildBenchPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= PAGES; p++) {
    const page = doc.addPage([595, 842]);
    // WinAnsi cannot show Vietnamese marks: strip them, the text is filler.
    const text = LINE.normalize('NFD').replace(/[^\x20-\x7e]/g, '');
    for (let l = 0; l < 30; l++) {
      page.drawText(text.replace('{n}', String(l)).replace('{p}', String(p)), { x: 40, y: 800 - l * 14, size: 8, font });
    }
    const data = noiseImage(p);
    const image = doc.context.register(
      doc.context.stream(data, {
        Type: 'XObject', Subtype: 'Image', Width: IMAGE_W, Height: IMAGE_H,
        ColorSpace: 'DeviceRGB', BitsPerComponent: 8, Filter: 'FlateDecode',
      }),
    );
    const name = page.node.newXObject('Im', image);
    page.pushOperators(...drawImage(name, 40, 40, 515, 330));
  }
  doc.setTitle('ecabinet signing benchmark');
  doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  return doc.save({ useObjectStreams: false });
}

// q w 0 0 h x y cm /Im Do Q (ISO 32000-1 §8.9.5: an image is painted into the unit square).
function drawImage(name: PDFName, x: number, y: number, w: number, h: number) {
  return [
    pushGraphicsState(),
    concatTransformationMatrix(w, 0, 0, h, x, y),
    drawObject(name),
    popGraphicsState(),
  ];
}
/** The benchmark PDF from `cacheDir`, generated there on first use. */
export async function benchPdf(cacheDir: string): Promise<{ bytes: Uint8Array; path: string; generated: boolean }> {
  const path = join(cacheDir, `bench-${PAGES}p-v${VERSION}.pdf`);
  if (existsSync(path)) return { bytes: new Uint8Array(await readFile(path)), path, generated: false };
  const bytes = await buildBenchPdf();
  await mkdir(cacheDir, { recursive: true });
  await writeFile(`${path}.tmp`, bytes);
  await rename(`${path}.tmp`, path); // never leave a half-written file to be reused
  return { bytes, path, generated: true };
}
