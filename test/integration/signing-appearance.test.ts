// Decree 30/2020/ND-CP appearances as a reader sees them: built into signature widgets, rendered
// by poppler, checked by pixel colour and by extracted text. Renders are saved to
// test-results/appearance/ for a person to look at.
import { mkdir, writeFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFString,
  decodePDFRawStream,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  appearanceRectFor,
  buildAppearance,
  pageRotation,
  readDefaultFonts,
  resolvePlacement,
  sampleSealPng,
  sampleSignaturePng,
  sealRectFor,
  visibleSize,
  type AppearanceFonts,
  type PageRotation,
  type Rect,
} from '../../src/signing/appearance/index.ts';
import { encodeRgbaPng } from '../../src/signing/appearance/png-encode.ts';
import { boundsOf, countIn, isBlue, isInk, isRed, pageText, rasterToPng, renderPage } from '../helpers/pdf-render.ts';

const OUT_DIR = new URL('../../test-results/appearance/', import.meta.url);
const SIGNED_AT = new Date('2026-11-25T04:37:00Z'); // 11:37 in Hà Nội
const ORG = 'Ủy ban nhân dân Thành phố Mẫu';
const A4: [number, number] = [595.28, 841.89];

let fonts: AppearanceFonts;
let signature: Uint8Array;
let seal: Uint8Array;
beforeAll(async () => {
  await mkdir(OUT_DIR, { recursive: true });
  fonts = await readDefaultFonts();
  signature = sampleSignaturePng();
  seal = await sampleSealPng({ fonts });
});

/** An unsigned signature field whose widget shows `ap` (ISO 32000-1 §12.7.4.5, §12.5.5). */
function addSignatureWidget(doc: PDFDocument, page: PDFPage, name: string, rect: number[], ap: PDFRef): void {
  const widget = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFString.of(name),
      Rect: rect,
      F: 4, // Print
      P: page.ref,
      AP: { N: ap },
    }),
  );
  page.node.addAnnot(widget);
  doc.catalog.getOrCreateAcroForm().addField(widget);
}

/** A decision's header and body, so the render looks like the document it will be. */
async function drawDocumentBody(doc: PDFDocument, page: PDFPage): Promise<void> {
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  const { width, height } = page.getSize();
  const centred = (text: string, cx: number, y: number, size: number, font = bold): void =>
    page.drawText(text, { x: cx - font.widthOfTextAtSize(text, size) / 2, y, size, font });
  centred('ỦY BAN NHÂN DÂN', 150, height - 70, 11, regular);
  centred('THÀNH PHỐ MẪU', 150, height - 84, 11);
  centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 400, height - 70, 11);
  centred('Độc lập - Tự do - Hạnh phúc', 400, height - 84, 11);
  centred('Số: 125/QĐ-UBND', 150, height - 110, 11, regular);
  centred('Thành phố Mẫu, ngày 25 tháng 11 năm 2026', 400, height - 110, 11, regular);
  centred('QUYẾT ĐỊNH', width / 2, height - 160, 13);
  centred('Về việc phê duyệt kế hoạch chuyển đổi số năm 2027', width / 2, height - 178, 11);
  const body = [
    'Điều 1. Phê duyệt kế hoạch chuyển đổi số năm 2027 của Thành phố Mẫu kèm theo',
    'Quyết định này.',
    'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
    'Điều 3. Chánh Văn phòng Ủy ban nhân dân Thành phố và các cơ quan liên quan chịu trách',
    'nhiệm thi hành Quyết định này./.',
  ];
  body.forEach((line, i) => page.drawText(line, { x: 70, y: height - 220 - i * 18, size: 11, font: regular }));
}

async function saveRender(pdf: Uint8Array, name: string): Promise<Awaited<ReturnType<typeof renderPage>>> {
  const raster = await renderPage(pdf);
  await writeFile(new URL(`${name}.png`, OUT_DIR), rasterToPng(raster));
  await writeFile(new URL(`${name}.pdf`, OUT_DIR), pdf);
  return raster;
}

const near = (actual: number, expected: number, tolerance: number): void => {
  expect(Math.abs(actual - expected), `${actual} ≈ ${expected} ± ${tolerance}`).toBeLessThanOrEqual(tolerance);
};

describe('Decree 30 appearance: leader signature, then the organisation seal', () => {
  let pdf: Uint8Array;
  let imageOnPage: Rect;
  let sealBox: Rect;

  beforeAll(async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage(A4);
    await drawDocumentBody(doc, page);
    const rotation = pageRotation(page);
    const personal = await buildAppearance(doc, {
      kind: 'personal',
      rotation,
      width: 220,
      title: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
      name: 'Nguyễn Văn An'.normalize('NFD'), // decomposed input must come out NFC
      image: signature,
      organisation: ORG,
      signingTime: SIGNED_AT,
      fonts,
    });
    // Right half, under the body text, as Decree 30 Appendix I lays out the signature block.
    const personalBox = { x: 330, y: 540 - personal.height, w: personal.width, h: personal.height };
    addSignatureWidget(doc, page, 'LeaderSignature', resolvePlacement(page, personalBox).rect, personal.ref);

    const ir = personal.imageRect as Rect;
    imageOnPage = { x: personalBox.x + ir.x, y: personalBox.y + ir.y, w: ir.w, h: ir.h };
    const sealAp = await buildAppearance(doc, { kind: 'seal', rotation, image: seal, diameterMm: 36, fonts });
    sealBox = appearanceRectFor(sealRectFor(imageOnPage, 36), sealAp);
    addSignatureWidget(doc, page, 'OrganisationSeal', resolvePlacement(page, sealBox).rect, sealAp.ref);
    pdf = await doc.save();
  });

  it('renders the seal red, at true size, over the left third of the signature image', async () => {
    const raster = await saveRender(pdf, 'decree30-block');
    const red = boundsOf(raster, isRed);
    expect(red).toBeDefined();
    const d = (36 * 72) / 25.4; // 102.05 pt
    near(red!.w, d, 1.5);
    near(red!.h, d, 1.5);
    near(red!.x, sealBox.x, 1.5);
    near(red!.y, sealBox.y, 1.5);
    near(red!.y + red!.h / 2, imageOnPage.y + imageOnPage.h / 2, 1.5); // centred on the image
    const covered = (red!.x + red!.w - imageOnPage.x) / imageOnPage.w;
    expect(covered).toBeGreaterThan(0.3);
    expect(covered).toBeLessThan(0.37); // about one third, far from half
    // The seal's ink is red even where it lies over the blue signature and the black title.
    const inkInSeal = countIn(raster, red!, isInk);
    const redInSeal = countIn(raster, red!, isRed);
    expect(redInSeal.hits / inkInSeal.hits).toBeGreaterThan(0.8);
    // The blue signature shows, inside its image box, and extends to the right of the seal.
    const blue = boundsOf(raster, isBlue);
    expect(blue).toBeDefined();
    expect(blue!.x).toBeGreaterThanOrEqual(imageOnPage.x - 1);
    expect(blue!.x + blue!.w).toBeLessThanOrEqual(imageOnPage.x + imageOnPage.w + 1);
    expect(blue!.x + blue!.w).toBeGreaterThan(imageOnPage.x + imageOnPage.w * 0.9);
  });

  it('extracts the Vietnamese lines exactly, in NFC', async () => {
    const lines = (await pageText(pdf)).split('\n').map((l) => l.trim());
    for (const expected of [
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Nguyễn Văn An',
      'Ký bởi: Nguyễn Văn An',
      `Cơ quan: ${ORG}`,
      'Thời gian ký: 2026-11-25T11:37:00+07:00',
    ]) {
      expect(lines).toContain(expected.normalize('NFC'));
    }
  });

  it('embeds font subsets that have a real glyph for every character used', async () => {
    const doc = await PDFDocument.load(pdf);
    const used = new Set([...'TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn An Ký bởi: Cơ quan Thời gian ký'.normalize('NFC')]);
    used.delete(' ');
    const covered = new Set<string>();
    // Only the fonts the widget appearances use (/AP /N → /Resources /Font), not the body's.
    const fontDicts = doc.getPage(0).node.Annots()!.asArray().flatMap((annot) => {
      const ap = doc.context.lookup(annot, PDFDict).lookup(PDFName.of('AP'), PDFDict);
      const resources = rawStream(ap.lookup(PDFName.of('N'))).dict.lookup(PDFName.of('Resources'), PDFDict);
      const fontsDict = resources.lookupMaybe(PDFName.of('Font'), PDFDict);
      return fontsDict ? fontsDict.values().map((ref) => doc.context.lookup(ref, PDFDict)) : [];
    });
    expect(fontDicts.length).toBe(2); // regular and bold of the leader's block; the seal has no text
    for (const obj of fontDicts) {
      expect(obj.get(PDFName.of('Subtype'))?.toString()).toBe('/Type0');
      const toUnicode = parseToUnicode(rawStream(doc.context.lookup(obj.get(PDFName.of('ToUnicode')))));
      const descendant = doc.context.lookup(obj.lookup(PDFName.of('DescendantFonts'), PDFArray).get(0), PDFDict);
      const descriptor = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict);
      const program = decodePDFRawStream(rawStream(descriptor.lookup(PDFName.of('FontFile2')))).decode();
      const font = fontkit.create(program);
      expect(font.numGlyphs).toBeLessThan(200); // a subset, not the 3,317-glyph font
      for (const [gid, text] of toUnicode) {
        if (!used.has(text)) continue;
        const commands = (font.getGlyph(gid).path as unknown as { commands: unknown[] }).commands;
        expect(commands.length, `glyph for "${text}"`).toBeGreaterThan(0);
        covered.add(text);
      }
    }
    expect([...used].filter((ch) => !covered.has(ch))).toEqual([]);
  });
});

function rawStream(obj: unknown): PDFRawStream {
  if (!(obj instanceof PDFRawStream)) throw new Error('expected a stream');
  return obj;
}

/** glyph id → text from a ToUnicode CMap's bfchar and bfrange entries (ISO 32000-1 §9.10.3). */
function parseToUnicode(stream: PDFRawStream): Map<number, string> {
  const cmap = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
  const utf16 = (hex: string): string =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  const map = new Map<number, string>();
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, gid, uni] of (block ?? '').matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) {
      map.set(parseInt(gid!, 16), utf16(uni!));
    }
  }
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, uni] of (block ?? '').matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) {
      for (let g = parseInt(lo!, 16), i = 0; g <= parseInt(hi!, 16); g++, i++) {
        const text = utf16(uni!);
        map.set(g, text.slice(0, -1) + String.fromCharCode(text.charCodeAt(text.length - 1) + i));
      }
    }
  }
  return map;
}

/** 120 × 120 px: red top half, blue bottom half. Shows where "up" ends up. */
function orientationPng(): Uint8Array {
  const rgba = new Uint8Array(120 * 120 * 4);
  for (let y = 0; y < 120; y++) {
    for (let x = 0; x < 120; x++) rgba.set(y < 60 ? [220, 20, 30, 255] : [20, 40, 200, 255], (y * 120 + x) * 4);
  }
  return encodeRgbaPng(120, 120, rgba);
}

describe('placement on rotated pages with a crop box offset', () => {
  const cases: { rotation: PageRotation; inherited: boolean }[] = [
    { rotation: 0, inherited: false },
    { rotation: 90, inherited: false },
    { rotation: 180, inherited: false },
    { rotation: 270, inherited: true }, // /Rotate on the page tree root, inherited by the page
  ];
  it.each(cases)('/Rotate $rotation (inherited: $inherited): drawn where the visible rect says, upright', async ({ rotation, inherited }) => {
    const doc = await PDFDocument.create();
    const page = doc.addPage(A4);
    page.node.set(PDFName.of('CropBox'), doc.context.obj([30, 45, 565, 800]));
    const holder = inherited ? doc.catalog.Pages() : page.node;
    holder.set(PDFName.of('Rotate'), PDFNumber.of(rotation));
    expect(pageRotation(page)).toBe(rotation);
    const seen = visibleSize(page);

    const marker = await buildAppearance(doc, { kind: 'seal', rotation, image: orientationPng(), diameterMm: 30 });
    const markerBox: Rect = { x: 40, y: 60, w: marker.width, h: marker.height };
    addSignatureWidget(doc, page, 'Marker', resolvePlacement(page, markerBox).rect, marker.ref);
    const personal = await buildAppearance(doc, {
      kind: 'personal', rotation, title: 'CHỦ TỊCH', name: 'Trần Thị Bình', image: signature,
      organisation: ORG, signingTime: SIGNED_AT, fonts,
    });
    const personalBox: Rect = { x: seen.width - personal.width - 30, y: 40, w: personal.width, h: personal.height };
    addSignatureWidget(doc, page, 'Leader', resolvePlacement(page, personalBox).rect, personal.ref);
    const pdf = await doc.save();

    const raster = await saveRender(pdf, `rotate-${rotation}${inherited ? '-inherited' : ''}`);
    near(raster.width / raster.scale, seen.width, 1);
    near(raster.height / raster.scale, seen.height, 1);
    const red = boundsOf(raster, isRed);
    expect(red).toBeDefined();
    near(red!.x, markerBox.x, 1);
    near(red!.w, markerBox.w, 1);
    near(red!.y, markerBox.y + markerBox.h / 2, 1); // red is the top half: upright
    near(red!.h, markerBox.h / 2, 1);
    const lowerHalf = { x: markerBox.x + 1, y: markerBox.y + 1, w: markerBox.w - 2, h: markerBox.h / 2 - 2 };
    const blue = countIn(raster, lowerHalf, isBlue);
    expect(blue.hits / blue.total).toBeGreaterThan(0.98);
    const text = (await pageText(pdf)).split('\n').map((l) => l.trim());
    expect(text).toContain('Ký bởi: Trần Thị Bình');
  });
});

describe('variants', () => {
  it('renders a text-only leader block and a seal with information lines; refuses a box too small', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage(A4);
    const personal = await buildAppearance(doc, {
      kind: 'personal', title: 'GIÁM ĐỐC', name: 'Lê Thị Hồng Nhung', signingTime: SIGNED_AT, fonts,
      details: ['signedBy', 'time'], fontSize: 12, detailFontSize: 8, width: 230, height: 110,
    });
    expect(personal.imageRect).toBeUndefined();
    expect([personal.width, personal.height]).toEqual([230, 110]);
    addSignatureWidget(doc, page, 'TextOnly', resolvePlacement(page, { x: 60, y: 600, w: 230, h: 110 }).rect, personal.ref);

    const sealAp = await buildAppearance(doc, {
      kind: 'seal', image: seal, diameterMm: 40, organisation: ORG, signingTime: SIGNED_AT, fonts,
    });
    const d = (40 * 72) / 25.4;
    expect(sealAp.imageRect!.w).toBeCloseTo(d, 6); // true size, never scaled to the text
    expect(sealAp.width).toBeGreaterThanOrEqual(d);
    const sealDisc = { x: 340, y: 560, w: d, h: d };
    const box = appearanceRectFor(sealDisc, sealAp);
    addSignatureWidget(doc, page, 'Seal', resolvePlacement(page, box).rect, sealAp.ref);
    const pdf = await doc.save();

    const raster = await saveRender(pdf, 'decree30-variants');
    const red = boundsOf(raster, isRed)!;
    near(red.x, sealDisc.x, 1.5);
    near(red.y, sealDisc.y, 1.5);
    near(red.w, d, 1.5);
    const text = (await pageText(pdf)).split('\n').map((l) => l.trim());
    for (const line of ['GIÁM ĐỐC', 'Lê Thị Hồng Nhung', 'Ký bởi: Lê Thị Hồng Nhung', `Cơ quan: ${ORG}`]) {
      expect(text).toContain(line);
    }
    expect(text.filter((l) => l === 'Thời gian ký: 2026-11-25T11:37:00+07:00')).toHaveLength(2);

    await expect(
      buildAppearance(doc, { kind: 'personal', name: 'Lê Thị Hồng Nhung', image: signature, height: 30, fonts }),
    ).rejects.toMatchObject({ code: 'signing.placement_invalid' });
  });
});

// A signing worker keeps the parsed fonts and the decoded images between documents
// (content-cache.ts); each document must still carry its own complete subset, ToUnicode and image.
describe('many documents in one thread', () => {
  it('gives back the Vietnamese text of each appearance exactly, whatever was drawn before', async () => {
    const texts = [
      { title: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH', name: 'Nguyễn Văn Ịch' },
      { title: 'GIÁM ĐỐC', name: 'Lê Thị Hồng Nhung' },
      { title: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', name: 'Hoàng Văn Nam' },
    ];
    for (const { title, name } of texts) {
      const doc = await PDFDocument.create();
      const page = doc.addPage(A4);
      const built = await buildAppearance(doc, {
        kind: 'personal', title, name, image: signature, organisation: ORG, signingTime: SIGNED_AT, width: 220, height: 150,
      });
      addSignatureWidget(doc, page, 'Leader', resolvePlacement(page, { x: 300, y: 100, w: 220, h: 150 }).rect, built.ref);
      const pdf = await doc.save();
      const lines = (await pageText(pdf)).split('\n').map((l) => l.trim());
      for (const expected of [...title.split('\n'), name, `Ký bởi: ${name}`, `Cơ quan: ${ORG}`, 'Thời gian ký: 2026-11-25T11:37:00+07:00']) {
        expect(lines).toContain(expected.normalize('NFC'));
      }
      const raster = await renderPage(pdf);
      expect(boundsOf(raster, isBlue)).toBeDefined(); // the signature image, drawn from the cached streams
    }
  });
});
