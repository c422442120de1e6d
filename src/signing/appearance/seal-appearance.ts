// An organisation's signature, Decree 30/2020/ND-CP Appendix I ("Chữ ký số của cơ quan, tổ
// chức"): the image of the seal — red, PNG with a transparent background, at the seal's ACTUAL
// size — placed over about one third of the leader's signature image, on its left (see
// sealRectFor). It is a separate signature with its own widget, applied after the leader's
// signature and after the clerk has assigned the document number.
//
// True size means the widget is never scaled: the box is exactly the seal (plus optional small
// text lines under it, centred), and the caller makes the widget /Rect that size.
import type { PDFDocument } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { embedSubsetFont, readDefaultFonts } from './fonts.ts';
import { FormCanvas } from './form-canvas.ts';
import { embedPngImage } from './png-image.ts';
import { drawLines, layoutLines, type TextBlock } from './text-block.ts';
import { MM_TO_PT, type BuiltAppearance, type SealAppearanceSpec, type SealDetailLine } from './types.ts';
import { formatVietnamTime } from './vietnam-time.ts';

const DEFAULT_DETAIL_FONT_SIZE = 7;
/** Text under a small seal may use this much width before wrapping, pt. */
const MIN_TEXT_WIDTH = 150;
/** Real seals are 20–50 mm; outside 5–100 mm the number is surely in the wrong unit. */
const DIAMETER_RANGE_MM = [5, 100] as const;

export async function buildSealAppearance(doc: PDFDocument, spec: SealAppearanceSpec): Promise<BuiltAppearance> {
  const [minMm, maxMm] = DIAMETER_RANGE_MM;
  if (!Number.isFinite(spec.diameterMm) || spec.diameterMm < minMm || spec.diameterMm > maxMm) {
    throw new SigningError(
      'signing.placement_invalid',
      `The seal size must be between ${minMm} and ${maxMm} mm, got ${spec.diameterMm}`,
    );
  }
  const detailSize = spec.detailFontSize ?? DEFAULT_DETAIL_FONT_SIZE;
  if (!Number.isFinite(detailSize) || detailSize <= 0) {
    throw new SigningError('signing.placement_invalid', 'The appearance detailFontSize must be a positive number');
  }
  const image = await embedPngImage(doc, spec.image, 'The seal image');
  const sealW = spec.diameterMm * MM_TO_PT;
  const sealH = (sealW * image.height) / image.width;

  const texts = detailLines(spec);
  let block: TextBlock = { lines: [], height: 0, width: 0 };
  if (texts.length) {
    const fonts = spec.fonts ?? (await readDefaultFonts());
    const regular = await embedSubsetFont(doc, fonts.regular);
    block = layoutLines(
      texts.map((text) => ({ text, font: regular, size: detailSize })),
      Math.max(sealW, MIN_TEXT_WIDTH),
    );
  }
  const gap = block.lines.length ? detailSize * 0.5 : 0;
  const width = Math.max(sealW, block.width);
  const height = sealH + gap + block.height;

  const canvas = new FormCanvas();
  const imageRect = { x: (width - sealW) / 2, y: height - sealH, w: sealW, h: sealH };
  canvas.image(image, imageRect);
  drawLines(canvas, block, width / 2, height - sealH - gap);

  const ref = canvas.finish(doc, width, height, spec.rotation ?? 0);
  return { ref, width, height, imageRect };
}

function detailLines(spec: SealAppearanceSpec): string[] {
  const values: Record<SealDetailLine, string | undefined> = {
    organisation: spec.organisation && `Cơ quan: ${spec.organisation}`,
    time: spec.signingTime && `Thời gian ký: ${formatVietnamTime(spec.signingTime)}`,
  };
  const wanted = spec.details ?? (['organisation', 'time'] as const);
  const lines = wanted.map((key) => values[key]).filter((v): v is string => Boolean(v));
  return spec.caption?.trim() ? [spec.caption.trim(), ...lines] : lines;
}
