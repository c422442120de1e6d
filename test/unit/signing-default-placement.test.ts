// A signature without a rectangle from the tablet (the API's /sign without `rect`) is placed by
// default. The leader's default box was fixed for A4 portrait (x = 339 pt) and fell off smaller
// pages: an A5 document from another producer could not be signed without a rectangle. It is
// now kept at the right margin of whatever page the document has.
import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDefaultFonts, sampleSignaturePng, type AppearanceFonts } from '../../src/signing/appearance/index.ts';
import { SigningError } from '../../src/signing/index.ts';
import { placeVisibleSignature, type VisibleSignature } from '../../src/signing/visible-signature.ts';
import { appearanceFor } from '../../src/workflow/appearance-for.ts';

const SIZES = { a4: [595.28, 841.89], a5: [419.53, 595.28], letterLandscape: [792, 612] } as const;
let fonts: AppearanceFonts;
let image: Uint8Array;
beforeAll(async () => {
  fonts = await readDefaultFonts();
  image = sampleSignaturePng();
});

/** The leader's visible signature as the workflow builds it without a rectangle. */
function leaderDefault(): VisibleSignature {
  const spec = appearanceFor({
    kind: 'personal',
    pages: 1,
    placement: {},
    signer: { fullName: 'Trần Thị Bình', title: 'Chủ tịch' },
    unitName: 'UBND Quận Ba Đình',
    image,
  });
  return { ...spec, fonts };
}

async function widgetRect(size: readonly [number, number], spec: VisibleSignature, rotate = 0): Promise<number[]> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([...size]);
  if (rotate) page.node.set(PDFName.of('Rotate'), PDFNumber.of(rotate));
  const placed = await placeVisibleSignature(doc, spec, { name: 'Trần Thị Bình', signingTime: new Date('2026-12-07T03:00:00Z') });
  return placed.rect;
}

describe('the leader signature placed without a rectangle', () => {
  it('sits where it always did on A4 portrait', async () => {
    const [x1, y1, x2] = await widgetRect(SIZES.a4, leaderDefault());
    expect(Math.abs(x1! - 339)).toBeLessThan(0.5); // the fixed box's x
    expect(x2).toBeCloseTo(SIZES.a4[0] - 56, 1);
    expect(y1).toBe(60);
  });

  it.each([
    ['A5', SIZES.a5, 0],
    ['Letter landscape', SIZES.letterLandscape, 0],
    ['A4 turned by /Rotate 90', SIZES.a4, 90],
  ] as const)('keeps to the right margin of a %s page', async (_name, size, rotate) => {
    const rect = await widgetRect(size, leaderDefault(), rotate);
    const seenWidth = rotate ? size[1] : size[0];
    if (rotate === 0) expect(rect[2]).toBeCloseTo(seenWidth - 56, 1);
    for (const v of rect) expect(v).toBeGreaterThanOrEqual(0);
    expect(Math.max(rect[0]!, rect[2]!)).toBeLessThanOrEqual(size[0]);
    expect(Math.max(rect[1]!, rect[3]!)).toBeLessThanOrEqual(size[1]);
  });

  it('a rectangle the signer chose is still taken as given, and refused off the page', async () => {
    const chosen = { ...leaderDefault(), rect: { x: 339, y: 60, w: 200, h: 130 }, from: 'bottom-left' as const };
    expect((await widgetRect(SIZES.a4, chosen))[0]).toBeCloseTo(339, 1);
    await expect(widgetRect(SIZES.a5, chosen)).rejects.toSatisfy((e) => e instanceof SigningError && e.code === 'signing.placement_invalid');
  });
});
