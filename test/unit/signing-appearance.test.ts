// Geometry, time formatting and image checks of the signature appearance, without rendering.
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFRef } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { SigningError } from '../../src/signing/errors.ts';
import {
  appearanceRectFor,
  buildAppearance,
  formatVietnamTime,
  inspectPng,
  pageAt,
  pageRotation,
  resolvePlacement,
  sampleSignaturePng,
  sealRectFor,
  visibleSize,
} from '../../src/signing/appearance/index.ts';
import { buildPersonalAppearance } from '../../src/signing/appearance/personal-appearance.ts';
import { encodeRgbaPng } from '../../src/signing/appearance/png-encode.ts';
import { deflateNatively } from '../../src/signing/pdf/native-deflate.ts';

function expectCode(fn: () => unknown, code: SigningError['code']): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SigningError);
    expect((err as SigningError).code).toBe(code);
    return;
  }
  throw new Error(`expected SigningError ${code}`);
}

describe('formatVietnamTime', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it('shows the instant in UTC+07:00 whatever the server time zone', () => {
    for (const tz of ['UTC', 'America/New_York', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      expect(formatVietnamTime(new Date('2026-11-25T04:37:00.999Z'))).toBe('2026-11-25T11:37:00+07:00');
    }
  });

  it('rolls over the date, month and year at 17:00 UTC', () => {
    expect(formatVietnamTime(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01T00:00:00+07:00');
    expect(formatVietnamTime(new Date('2028-02-28T20:05:09Z'))).toBe('2028-02-29T03:05:09+07:00');
  });

  it('refuses an invalid Date', () => {
    expect(() => formatVietnamTime(new Date('nope'))).toThrow(RangeError);
  });
});

async function pageWith(opts: { rotate?: number; crop?: number[] } = {}) {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  if (opts.crop) page.node.set(PDFName.of('CropBox'), doc.context.obj(opts.crop));
  if (opts.rotate !== undefined) page.node.set(PDFName.of('Rotate'), PDFNumber.of(opts.rotate));
  return { doc, page };
}

describe('resolvePlacement', () => {
  const crop = [30, 45, 565, 800]; // 535 × 755, offset from the media box origin
  const visible = { x: 10, y: 20, w: 100, h: 50 };

  it.each([
    [0, [40, 65, 140, 115], 535, 755],
    [90, [495, 55, 545, 155], 755, 535],
    [180, [455, 730, 555, 780], 535, 755],
    [270, [50, 690, 100, 790], 755, 535],
  ] as const)('/Rotate %i maps the visible rect into default user space', async (rotate, rect, w, h) => {
    const { page } = await pageWith({ rotate, crop });
    expect(visibleSize(page)).toEqual({ width: w, height: h });
    expect(resolvePlacement(page, visible)).toEqual({ rect, rotation: rotate });
  });

  it('normalises /Rotate -90 to 270 and ignores a /Rotate that is not a multiple of 90', async () => {
    expect(pageRotation((await pageWith({ rotate: -90 })).page)).toBe(270);
    expect(pageRotation((await pageWith({ rotate: 450 })).page)).toBe(90);
    expect(pageRotation((await pageWith({ rotate: 45 })).page)).toBe(0);
  });

  it('accepts a crop box with swapped corners and clips it to the media box', async () => {
    const swapped = await pageWith({ crop: [565, 800, 30, 45] });
    expect(resolvePlacement(swapped.page, visible).rect).toEqual([40, 65, 140, 115]);
    const oversized = await pageWith({ crop: [-50, -50, 700, 900] });
    expect(visibleSize(oversized.page)).toEqual({ width: 595, height: 842 });
  });

  it('refuses a rect outside the visible page, or without a size', async () => {
    const { page } = await pageWith({ rotate: 90, crop });
    // x = 600 is past the crop box's own width (535) but inside the page as seen (755 wide).
    expect(() => resolvePlacement(page, { x: 600, y: 10, w: 100, h: 50 })).not.toThrow();
    for (const bad of [
      { x: 700, y: 10, w: 100, h: 50 }, // past the right edge as seen
      { x: 10, y: 500, w: 100, h: 50 }, // past the top as seen
      { x: -5, y: 10, w: 100, h: 50 },
      { x: 10, y: 10, w: 0, h: 50 },
      { x: Number.NaN, y: 10, w: 100, h: 50 },
    ]) {
      expectCode(() => resolvePlacement(page, bad), 'signing.placement_invalid');
    }
  });
});

describe('pageAt', () => {
  it('takes 1-based page numbers and refuses the rest', async () => {
    const { doc, page } = await pageWith();
    expect(pageAt(doc, 1)).toBe(page);
    for (const n of [0, 2, 1.5, -1, Number.NaN]) expectCode(() => pageAt(doc, n), 'signing.placement_invalid');
  });
});

describe('sealRectFor', () => {
  it('puts the seal over the left third of the signature image, centred vertically', () => {
    const image = { x: 100, y: 200, w: 150, h: 60 };
    const d = (36 * 72) / 25.4;
    const seal = sealRectFor(image, 36);
    expect(seal.w).toBeCloseTo(d, 6);
    expect(seal.h).toBeCloseTo(d, 6);
    expect(seal.x + seal.w).toBeCloseTo(image.x + image.w / 3, 6); // right edge one third in
    expect(seal.y + seal.h / 2).toBeCloseTo(image.y + image.h / 2, 6);
    expectCode(() => sealRectFor(image, 0), 'signing.placement_invalid');
  });

  it('appearanceRectFor offsets the box so its image lands on the given rect', () => {
    const built = { ref: undefined as never, width: 150, height: 120, imageRect: { x: 24, y: 18, w: 102, h: 102 } };
    expect(appearanceRectFor({ x: 50, y: 60, w: 102, h: 102 }, built)).toEqual({ x: 26, y: 42, w: 150, h: 120 });
  });
});

/** Rewrites one chunk of a PNG (by type) and fixes its CRC, so only the content is wrong. */
function withChunk(png: Uint8Array, type: string, data: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [png.subarray(0, 8)];
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const t = Buffer.from(png.subarray(at + 4, at + 8)).toString('latin1');
    if (t !== type) out.push(png.subarray(at, at + 12 + length));
    else {
      const chunk = new Uint8Array(12 + data.length);
      const cv = new DataView(chunk.buffer);
      cv.setUint32(0, data.length);
      chunk.set(Buffer.from(type, 'latin1'), 4);
      chunk.set(data, 8);
      cv.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
      out.push(chunk);
    }
    at += 12 + length;
  }
  return new Uint8Array(Buffer.concat(out));
}

describe('PNG checks', () => {
  const png = encodeRgbaPng(4, 3, new Uint8Array(4 * 3 * 4).fill(200));

  it('accepts a well-formed transparent PNG', () => {
    expect(inspectPng(png)).toMatchObject({ width: 4, height: 3, colourType: 6, bitDepth: 8, hasTransparency: true });
    expect(inspectPng(sampleSignaturePng())).toMatchObject({ width: 600, height: 220, hasTransparency: true });
  });

  it.each([
    ['a JPEG', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array(60).fill(0)])],
    ['a truncated file', png.subarray(0, png.length - 20)],
    ['a flipped bit (CRC mismatch)', png.map((b, i) => (i === 45 ? b ^ 1 : b))],
    ['image data too short', withChunk(png, 'IDAT', deflateSync(new Uint8Array(10)))],
    ['image data not deflate', withChunk(png, 'IDAT', Uint8Array.of(1, 2, 3, 4, 5))],
    ['a 100000 px wide IHDR', withChunk(png, 'IHDR', Uint8Array.of(0, 1, 0x86, 0xa0, 0, 0, 0, 3, 8, 6, 0, 0, 0))],
    ['bit depth 7', withChunk(png, 'IHDR', Uint8Array.of(0, 0, 0, 4, 0, 0, 0, 3, 7, 6, 0, 0, 0))],
  ])('refuses %s as signing.image_invalid', (_what, bytes) => {
    expectCode(() => inspectPng(bytes), 'signing.image_invalid');
  });

  it('buildAppearance refuses a non-PNG signature or seal before touching fonts', async () => {
    const { doc } = await pageWith();
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array(60).fill(0)]);
    await expect(buildAppearance(doc, { kind: 'personal', name: 'A', image: jpeg })).rejects.toMatchObject({
      code: 'signing.image_invalid',
    });
    await expect(buildAppearance(doc, { kind: 'seal', image: jpeg, diameterMm: 36 })).rejects.toMatchObject({
      code: 'signing.image_invalid',
    });
    await expect(buildAppearance(doc, { kind: 'seal', image: png, diameterMm: 3600 })).rejects.toMatchObject({
      code: 'signing.placement_invalid',
    });
  });
});

describe('appearances kept per thread (a batch draws the same one on every document)', () => {
  const image = sampleSignaturePng();
  const spec = (at: string) => ({
    kind: 'personal' as const,
    name: 'Hoàng Văn Nam',
    title: 'CHỦ TỊCH',
    organisation: 'UBND Quận Ba Đình',
    image,
    signingTime: new Date(at),
  });
  const formOf = (doc: PDFDocument, ref: PDFRef): PDFRawStream => {
    const form = doc.context.lookup(ref);
    if (!(form instanceof PDFRawStream)) throw new Error('the appearance is not a raw stream');
    return form;
  };
  const bytesOf = (stream: PDFRawStream) => Buffer.from(stream.getContents());

  it('copies a kept appearance into each document: the content of a fresh build, objects of its own', async () => {
    const fresh = await PDFDocument.create();
    deflateNatively(fresh.context);
    const direct = await buildPersonalAppearance(fresh, spec('2026-12-06T01:02:03.100Z'));
    const [a, b, c] = await Promise.all([PDFDocument.create(), PDFDocument.create(), PDFDocument.create()]);
    const inA = await buildAppearance(a, spec('2026-12-06T01:02:03.100Z'));
    const inB = await buildAppearance(b, spec('2026-12-06T01:02:03.900Z')); // the same second: the same appearance
    expect(bytesOf(formOf(a, inA.ref)).equals(bytesOf(formOf(fresh, direct.ref)))).toBe(true);
    expect(bytesOf(formOf(b, inB.ref)).equals(bytesOf(formOf(a, inA.ref)))).toBe(true);
    expect({ ...inB, ref: undefined }).toEqual({ ...direct, ref: undefined });
    // Fonts and image travel with the form, registered in each document.
    const resources = formOf(b, inB.ref).dict.lookup(PDFName.of('Resources'));
    expect(String(resources)).toMatch(/\/Font/);
    expect(b.context.enumerateIndirectObjects().length).toBeGreaterThan(5);
    // A change to one document's copy (visible-signature.ts marks where the image went) stays there.
    formOf(b, inB.ref).dict.set(PDFName.of('Marked'), PDFNumber.of(1));
    const inC = await buildAppearance(c, spec('2026-12-06T01:02:03.500Z'));
    expect(formOf(c, inC.ref).dict.has(PDFName.of('Marked'))).toBe(false);
  });

  // Every stream the appearance brought (form, font programs, CMaps, image): subset glyph ids are
  // numbered in order of use, so "…:03" and "…:04" have the same content stream, different fonts.
  const everything = (doc: PDFDocument) =>
    Buffer.concat(
      doc.context
        .enumerateIndirectObjects()
        .flatMap(([, obj]) => (obj instanceof PDFRawStream ? [Buffer.from(obj.getContents())] : [])),
    );

  it('builds anew whatever shows differently: the next second, another name', async () => {
    const [a, b, c] = await Promise.all([PDFDocument.create(), PDFDocument.create(), PDFDocument.create()]);
    await buildAppearance(a, spec('2026-12-06T01:02:03Z'));
    await buildAppearance(b, spec('2026-12-06T01:02:04Z'));
    await buildAppearance(c, { ...spec('2026-12-06T01:02:03Z'), name: 'Trần Thị Bình' });
    const [first, nextSecond, otherName] = [everything(a), everything(b), everything(c)];
    expect({ nextSecond: nextSecond.equals(first), otherName: otherName.equals(first) }).toEqual({ nextSecond: false, otherName: false });
  });
});
