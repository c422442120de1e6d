// Collects drawing operators and the resources they name, then registers them as a Form XObject
// (ISO 32000-1 §8.10) suitable as a widget's normal appearance stream (§12.5.5).
//
// Everything is drawn upright in a box [0 0 width height] as the page is VIEWED. On a page with
// /Rotate R the viewer turns the page R° clockwise (§7.7.3.3, Table 30), so the form's /Matrix
// turns the content R° counter-clockwise: the two cancel and the text reads upright on screen.
// §12.5.5 then maps the transformed /BBox onto the widget's /Rect, which resolvePlacement()
// computed in default user space with the same rotation, so nothing is scaled.
import {
  degrees,
  drawImage,
  drawText,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  type PDFDocument,
  type PDFFont,
  type PDFOperator,
  type PDFRef,
} from 'pdf-lib';
import { formXObject } from '../pdf/index.ts';
import { nfc } from './fonts.ts';
import type { EmbeddedImage } from './png-image.ts';
import type { PageRotation, Rect } from './types.ts';

export interface Colour {
  r: number;
  g: number;
  b: number;
}
/** Decree 30 Appendix I prints information lines in black. */
export const BLACK: Colour = { r: 0, g: 0, b: 0 };

/**
 * /Matrix for a form drawn upright in [0 0 w h] on a page with /Rotate `rotation`: a rotation
 * counter-clockwise by `rotation` plus the translation that brings the box back to the origin.
 */
export function uprightMatrix(rotation: PageRotation, w: number, h: number): number[] {
  switch (rotation) {
    case 0:
      return [1, 0, 0, 1, 0, 0];
    case 90:
      return [0, 1, -1, 0, h, 0]; // (x, y) → (h − y, x)
    case 180:
      return [-1, 0, 0, -1, w, h]; // (x, y) → (w − x, h − y)
    case 270:
      return [0, -1, 1, 0, 0, w]; // (x, y) → (y, w − x)
  }
}

const NO_ANGLE = degrees(0);

export class FormCanvas {
  private readonly ops: PDFOperator[] = [pushGraphicsState()];
  private readonly fontNames = new Map<PDFFont, string>();
  private readonly imageNames = new Map<EmbeddedImage, string>();

  /** One line of text with its baseline starting at (x, y). */
  text(font: PDFFont, text: string, size: number, x: number, y: number, colour: Colour = BLACK): void {
    const name = this.nameFor(this.fontNames, font, 'F');
    this.ops.push(
      ...drawText(font.encodeText(nfc(text)), {
        font: name,
        size,
        x,
        y,
        color: rgb(colour.r, colour.g, colour.b),
        rotate: NO_ANGLE,
        xSkew: NO_ANGLE,
        ySkew: NO_ANGLE,
      }),
    );
  }

  /** One line of text centred horizontally on `cx`. */
  centredText(font: PDFFont, text: string, size: number, cx: number, y: number, colour?: Colour): void {
    this.text(font, text, size, cx - font.widthOfTextAtSize(nfc(text), size) / 2, y, colour);
  }

  /** An image scaled into `rect` (the caller keeps the aspect ratio). */
  image(image: EmbeddedImage, rect: Rect): void {
    const name = this.nameFor(this.imageNames, image, 'Im');
    this.ops.push(
      ...drawImage(name, {
        x: rect.x,
        y: rect.y,
        width: rect.w,
        height: rect.h,
        rotate: NO_ANGLE,
        xSkew: NO_ANGLE,
        ySkew: NO_ANGLE,
      }),
    );
  }

  /** Registers the Form XObject (Flate-compressed) and returns its reference. */
  finish(doc: PDFDocument, width: number, height: number, rotation: PageRotation): PDFRef {
    const resources: Record<string, Record<string, PDFRef>> = {};
    if (this.fontNames.size) resources.Font = toDict(this.fontNames, (f) => f.ref);
    if (this.imageNames.size) resources.XObject = toDict(this.imageNames, (i) => i.ref);
    const stream = formXObject(doc.context, [...this.ops, popGraphicsState()], {
      BBox: [0, 0, round(width), round(height)],
      Matrix: uprightMatrix(rotation, round(width), round(height)),
      Resources: resources,
    });
    return doc.context.register(stream);
  }

  private nameFor<T>(names: Map<T, string>, key: T, prefix: string): string {
    let name = names.get(key);
    if (!name) {
      name = `${prefix}${names.size + 1}`;
      names.set(key, name);
    }
    return name;
  }
}

function toDict<T>(names: Map<T, string>, ref: (key: T) => PDFRef): Record<string, PDFRef> {
  const dict: Record<string, PDFRef> = {};
  for (const [key, name] of names) dict[name] = ref(key);
  return dict;
}

/** Coordinates written with 3 decimals: stable output, well below a device pixel. */
export const round = (n: number): number => Math.round(n * 1000) / 1000;
