// Where a signature widget goes. Callers (the web UI, the API) think in the page AS SEEN: points
// from the bottom-left corner of the visible page, which is the crop box (ISO 32000-1 §14.11.2)
// turned clockwise by /Rotate (§7.7.3.3). A widget's /Rect is in default user space (§12.5.2),
// before the crop and the rotation; this file converts between the two.
import type { PDFDocument, PDFPage } from 'pdf-lib';
import { PDFArray, PDFNumber } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { pageAt as pageAtIndex, pageCount } from '../pdf/page-tree.ts';
import { MM_TO_PT, type BuiltAppearance, type PageRotation, type Rect } from './types.ts';

export interface Placement {
  /** Widget /Rect [x1 y1 x2 y2] in default user space, x1 < x2, y1 < y2. */
  rect: [number, number, number, number];
  /** The page's /Rotate; pass it to buildAppearance so the content stays upright. */
  rotation: PageRotation;
}

/** Rounding slack when a rect touches the page edge, pt. */
const EPSILON = 0.01;

const placementError = (message: string): SigningError => new SigningError('signing.placement_invalid', message);

/** The page with 1-based number `pageNumber`, or signing.placement_invalid. */
export function pageAt(doc: PDFDocument, pageNumber: number): PDFPage {
  // Not doc.getPage(): pdf-lib's page walk has no guard against a damaged tree.
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 ? pageAtIndex(doc, pageNumber - 1) : undefined;
  if (!page) throw placementError(`Page ${pageNumber} does not exist; the document has ${pageCount(doc)} page(s)`);
  return page;
}

/**
 * The page's /Rotate (inheritable, §7.7.3.4), normalised to 0/90/180/270. Negative multiples of
 * 90 (seen in the wild) are turned positive; other values are invalid and, like pdf.js and
 * poppler, we treat them as 0.
 */
export function pageRotation(page: PDFPage): PageRotation {
  const raw = page.getRotation().angle;
  if (!Number.isFinite(raw) || raw % 90 !== 0) return 0;
  return (((raw % 360) + 360) % 360) as PageRotation;
}

/**
 * The visible box: the crop box (default: the media box, both inheritable) intersected with the
 * media box (§14.11.2), corners normalised because x2 < x1 is legal in a rectangle (§7.9.5).
 */
export function visibleBox(page: PDFPage): Rect {
  const media = readBox(page, 'MediaBox');
  if (!media) throw new SigningError('pdf.malformed', 'The page has no usable /MediaBox');
  const crop = readBox(page, 'CropBox') ?? media;
  const x1 = Math.max(crop.x, media.x);
  const y1 = Math.max(crop.y, media.y);
  const x2 = Math.min(crop.x + crop.w, media.x + media.w);
  const y2 = Math.min(crop.y + crop.h, media.y + media.h);
  if (x2 - x1 <= 0 || y2 - y1 <= 0) throw new SigningError('pdf.malformed', 'The page crop box is empty');
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

function readBox(page: PDFPage, name: 'MediaBox' | 'CropBox'): Rect | undefined {
  let array: PDFArray | undefined;
  try {
    array = name === 'MediaBox' ? page.node.MediaBox() : page.node.CropBox();
  } catch {
    return undefined; // missing or not an array
  }
  if (!(array instanceof PDFArray) || array.size() !== 4) return undefined;
  const n = [0, 1, 2, 3].map((i) => array.lookup(i));
  if (!n.every((v) => v instanceof PDFNumber)) return undefined;
  const [a, b, c, d] = n.map((v) => (v as PDFNumber).asNumber()) as [number, number, number, number];
  return { x: Math.min(a, c), y: Math.min(b, d), w: Math.abs(c - a), h: Math.abs(d - b) };
}

/** Size of the page as seen (after /Rotate), pt. */
export function visibleSize(page: PDFPage): { width: number; height: number } {
  const box = visibleBox(page);
  const quarter = pageRotation(page) % 180 !== 0;
  return quarter ? { width: box.h, height: box.w } : { width: box.w, height: box.h };
}

/**
 * Converts `visibleRect` (pt, from the bottom-left of the page as seen) into the widget /Rect in
 * default user space. A rect not wholly on the visible page is signing.placement_invalid.
 */
export function resolvePlacement(page: PDFPage, visibleRect: Rect): Placement {
  const { x, y, w, h } = visibleRect;
  if (![x, y, w, h].every(Number.isFinite) || w <= 0 || h <= 0) {
    throw placementError('The signature rectangle needs finite x, y and a positive width and height');
  }
  const box = visibleBox(page);
  const rotation = pageRotation(page);
  const seen = visibleSize(page);
  if (x < -EPSILON || y < -EPSILON || x + w > seen.width + EPSILON || y + h > seen.height + EPSILON) {
    throw placementError(
      `The signature rectangle (${fmt(x)}, ${fmt(y)}, ${fmt(w)} × ${fmt(h)} pt) is outside the ` +
        `visible page (${fmt(seen.width)} × ${fmt(seen.height)} pt)`,
    );
  }
  const [ax, ay] = toUserSpace(box, rotation, x, y);
  const [bx, by] = toUserSpace(box, rotation, x + w, y + h);
  return { rect: [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)], rotation };
}

/**
 * A point (u, v) on the page as seen → default user space. The viewer turns the crop box
 * clockwise by `rotation`; this is the inverse turn, relative to the crop box origin.
 */
function toUserSpace(box: Rect, rotation: PageRotation, u: number, v: number): [number, number] {
  switch (rotation) {
    case 0:
      return [box.x + u, box.y + v];
    case 90: // the seen bottom-left is the crop box's bottom-right
      return [box.x + box.w - v, box.y + u];
    case 180:
      return [box.x + box.w - u, box.y + box.h - v];
    case 270: // the seen bottom-left is the crop box's top-left
      return [box.x + v, box.y + box.h - u];
  }
}

/**
 * Where the organisation's seal goes, in the same coordinates as `personalImageRect` (the
 * handwritten signature IMAGE, not the whole personal box). Decree 30/2020/ND-CP Art. 33(1)(b)
 * and Appendix I: the seal covers about one third of the signature, on its left. So the seal's
 * right edge sits one third into the image, and the seal is centred on it vertically.
 */
export function sealRectFor(personalImageRect: Rect, sealDiameterMm: number): Rect {
  if (!(sealDiameterMm > 0) || !Number.isFinite(sealDiameterMm)) {
    throw placementError('The seal diameter must be a positive number of millimetres');
  }
  const d = sealDiameterMm * MM_TO_PT;
  return {
    x: personalImageRect.x + personalImageRect.w / 3 - d,
    y: personalImageRect.y + personalImageRect.h / 2 - d / 2,
    w: d,
    h: d,
  };
}

/**
 * The box of a built appearance whose image must land on `imageRectOnPage` (e.g. the seal box
 * from sealRectFor, when the seal appearance also carries text lines under the seal).
 */
export function appearanceRectFor(imageRectOnPage: Rect, built: BuiltAppearance): Rect {
  const inner = built.imageRect ?? { x: 0, y: 0, w: built.width, h: built.height };
  return { x: imageRectOnPage.x - inner.x, y: imageRectOnPage.y - inner.y, w: built.width, h: built.height };
}

const fmt = (n: number): string => String(Math.round(n * 10) / 10);
